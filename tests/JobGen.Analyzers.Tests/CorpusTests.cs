using JobGen.Analyzers.Tests.Infrastructure;

namespace JobGen.Analyzers.Tests;

/// <summary>
/// Realistic jobs written the way a careful team writes them (Corpus/*.cs: logging, metrics, Polly retries, EF
/// queries with existence checks, HttpClient GET/PUT, caches, durations measured with Stopwatch and with clock
/// reads): they must compile with the generator and produce no JobGen diagnostic at all, not even info. A finding
/// here is a false positive, and a bug.
/// </summary>
public sealed class CorpusTests
{
    /// <summary>Files of the corpus that hold the services and library look-alikes the jobs use, not jobs.</summary>
    private static readonly string[] SupportFiles = { "Services.cs", "Frameworks.cs" };

    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Corpus");

    [Fact]
    public async Task Careful_jobs_produce_no_diagnostics()
    {
        var sources = ReadSources();
        var manifest = await ReadManifestAsync();

        var run = await AnalyzerRunner.RunAsync(sources, manifest, TestContext.Current.CancellationToken);

        var jobFiles = sources.Count(s => !SupportFiles.Contains(Path.GetFileName(s.Path)));
        Assert.True(jobFiles >= 30, $"the corpus has {jobFiles} job files; it should keep at least 30");
        Assert.Empty(run.CompilerErrors.Select(d => d.ToString()));
        Assert.True(run.GeneratedFiles > 0, "the generator emitted nothing for the corpus");
        Assert.Empty(run.AnalyzerDiagnostics.Select(d => d.ToString()));
    }

    /// <summary>The run above sees findings: one careless job added to the corpus is reported, and only it.</summary>
    [Fact]
    public async Task A_careless_job_added_to_the_corpus_is_reported()
    {
        const string careless = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using JobGen;
            using Microsoft.Extensions.Logging;

            namespace Acme.Careless;

            public interface IDueDates
            {
                Task SetAsync(int invoiceId, DateTime due, CancellationToken cancellationToken);
            }

            public sealed class CarelessJobs(IDueDates dueDates, ILogger<CarelessJobs> logger)
            {
                [BackgroundJob("careless.due-date")]
                public async Task SetDueDate(int invoiceId, CancellationToken cancellationToken)
                {
                    var due = DateTime.UtcNow.AddDays(30);
                    logger.LogInformation("Invoice {InvoiceId} due {Due}", invoiceId, due);
                    await dueDates.SetAsync(invoiceId, due, cancellationToken);
                }
            }
            """;
        var sources = ReadSources().Append(("/src/CarelessJobs.cs", careless)).ToList();
        var manifest = await ReadManifestAsync() + "careless.due-date(invoiceId:int)\n";

        var run = await AnalyzerRunner.RunAsync(sources, manifest, TestContext.Current.CancellationToken);

        Assert.Empty(run.CompilerErrors.Select(d => d.ToString()));
        var diagnostic = Assert.Single(run.AnalyzerDiagnostics);
        Assert.Equal("JG0005", diagnostic.Id);
        Assert.Contains("DateTime.UtcNow", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corpus_manifest_covers_every_job_so_removing_a_line_is_noticed()
    {
        var sources = ReadSources();
        var manifest = await ReadManifestAsync();
        var withoutWelcome = string.Join('\n', manifest.Split('\n').Where(l => !l.StartsWith("emails.welcome(", StringComparison.Ordinal)));

        var run = await AnalyzerRunner.RunAsync(sources, withoutWelcome, TestContext.Current.CancellationToken);

        var diagnostic = Assert.Single(run.AnalyzerDiagnostics);
        Assert.Equal("JG0011", diagnostic.Id);
        Assert.Contains("emails.welcome", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static List<(string Path, string Text)> ReadSources() =>
        Directory.GetFiles(CorpusDirectory, "*.cs").Order(StringComparer.Ordinal).Select(p => (p, File.ReadAllText(p))).ToList();

    private static Task<string> ReadManifestAsync() =>
        File.ReadAllTextAsync(Path.Combine(CorpusDirectory, "JobGen.Shipped.txt"), TestContext.Current.CancellationToken);
}
