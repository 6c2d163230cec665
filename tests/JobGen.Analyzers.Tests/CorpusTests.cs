using JobGen.Analyzers.Tests.Infrastructure;

namespace JobGen.Analyzers.Tests;

/// <summary>
/// Realistic jobs written the way a careful team writes them (Corpus/*.cs): they must compile with the generator
/// and produce no JobGen diagnostic at all, not even info. A finding here is a false positive, and a bug.
/// </summary>
public sealed class CorpusTests
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Corpus");

    [Fact]
    public async Task Careful_jobs_produce_no_diagnostics()
    {
        var sources = Directory.GetFiles(CorpusDirectory, "*.cs").Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(p))).ToList();
        var manifest = await File.ReadAllTextAsync(Path.Combine(CorpusDirectory, "JobGen.Shipped.txt"), TestContext.Current.CancellationToken);

        var run = await AnalyzerRunner.RunAsync(sources, manifest, TestContext.Current.CancellationToken);

        Assert.True(sources.Count >= 6, "the corpus files were not copied to the output");
        Assert.Empty(run.CompilerErrors.Select(d => d.ToString()));
        Assert.True(run.GeneratedFiles > 0, "the generator emitted nothing for the corpus");
        Assert.Empty(run.AnalyzerDiagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public async Task Corpus_manifest_covers_every_job_so_removing_a_line_is_noticed()
    {
        var sources = Directory.GetFiles(CorpusDirectory, "*.cs").Select(p => (p, File.ReadAllText(p))).ToList();
        var manifest = await File.ReadAllTextAsync(Path.Combine(CorpusDirectory, "JobGen.Shipped.txt"), TestContext.Current.CancellationToken);
        var withoutWelcome = string.Join('\n', manifest.Split('\n').Where(l => !l.StartsWith("emails.welcome(", StringComparison.Ordinal)));

        var run = await AnalyzerRunner.RunAsync(sources, withoutWelcome, TestContext.Current.CancellationToken);

        var diagnostic = Assert.Single(run.AnalyzerDiagnostics);
        Assert.Equal("JG0011", diagnostic.Id);
        Assert.Contains("emails.welcome", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
