using System.Diagnostics;
using System.Globalization;
using System.Text;
using JobGen.Analyzers.Tests.Infrastructure;

namespace JobGen.Analyzers.Tests;

/// <summary>
/// A 2,000-job project through the generator and every analyzer: prints each analyzer's execution time
/// (<c>GetAnalyzerTelemetryInfoAsync</c>) and asserts only what was found, never a time.
/// </summary>
public sealed class PerformanceTests
{
    private const int Classes = 200;
    private const int JobsPerClass = 10;

    [Fact]
    public async Task Two_thousand_jobs_are_analyzed_and_timed()
    {
        var ct = TestContext.Current.CancellationToken;
        var (sources, manifest) = BuildProject();

        var total = Stopwatch.StartNew();
        var run = await AnalyzerRunner.RunAsync(sources, manifest, ct, checkMethodBodies: false);
        total.Stop();

        var report = new StringWriter(CultureInfo.InvariantCulture);
        var output = new Report(TestContext.Current.TestOutputHelper!, report);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"jobs={Classes * JobsPerClass} files={sources.Count} generated={run.GeneratedFiles} total={total.Elapsed.TotalSeconds:F2}s generator={run.GeneratorWallTime.TotalSeconds:F2}s analyzers(wall, incl. binding every method body)={run.AnalyzersWallTime.TotalSeconds:F2}s"));
        foreach (var (analyzer, time) in run.AnalyzerTimes)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{analyzer}: {time.TotalMilliseconds:F0} ms"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all analyzers: {run.AnalyzerTimes.Sum(t => t.Time.TotalMilliseconds):F0} ms"));

        // also a file, since test output is only shown for failures: bin/.../analyzer-performance.txt
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "analyzer-performance.txt"), report.ToString(), ct);

        Assert.Empty(run.CompilerErrors.Select(d => d.ToString()));
        var counts = run.AnalyzerDiagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(
            new Dictionary<string, int> { ["JG0005"] = 200, ["JG0010"] = 1, ["JG0011"] = 500 },
            counts);
    }

    /// <summary>200 files of 10 jobs; every tenth job reads the clock; jobs 1500+ are not in the manifest; one shipped job is gone.</summary>
    private static (List<(string, string)> Sources, string Manifest) BuildProject()
    {
        var sources = new List<(string, string)>();
        var manifest = new StringBuilder("legacy.gone(id:int)\n");
        for (var c = 0; c < Classes; c++)
        {
            var code = new StringBuilder();
            code.Append(CultureInfo.InvariantCulture, $$"""
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using JobGen;

                namespace Load.Area{{c}};

                public sealed class Jobs{{c}}(IServiceProvider services)
                {

                """);
            for (var j = 0; j < JobsPerClass; j++)
            {
                var n = (c * JobsPerClass) + j;
                var body = n % 10 == 0 ? "var at = DateTime.UtcNow; _ = at;" : "_ = services;";
                code.Append(CultureInfo.InvariantCulture, $$"""
                        [BackgroundJob("load.job{{n}}", Queue = "q{{n % 7}}")]
                        public async Task Job{{n}}(int id, string name, Guid tenant, CancellationToken ct)
                        {
                            {{body}}
                            await Task.Delay(TimeSpan.Zero, ct).ConfigureAwait(false);
                        }

                    """);
                if (n < 1500)
                {
                    manifest.Append(CultureInfo.InvariantCulture, $"load.job{n}(id:int, name:string, tenant:System.Guid)\n");
                }
            }

            code.Append("}\n");
            sources.Add(($"Jobs{c}.cs", code.ToString()));
        }

        return (sources, manifest.ToString());
    }

    private sealed class Report(ITestOutputHelper output, StringWriter file)
    {
        public void WriteLine(string line)
        {
            output.WriteLine(line);
            file.WriteLine(line);
            Console.WriteLine(line);
        }
    }
}
