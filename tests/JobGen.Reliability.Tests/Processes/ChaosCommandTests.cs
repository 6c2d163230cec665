using System.Diagnostics;
using System.Text.RegularExpressions;
using JobGen.Chaos;

namespace JobGen.Reliability.Tests.Processes;

/// <summary>The crash test as a command: its last line and its exit code, run as a real process.</summary>
[Collection(ProcessTestCollection.Name)]
public sealed partial class ChaosCommandTests
{
    [Fact]
    public async Task The_command_ends_with_the_summary_line_and_exits_zero_when_nothing_is_lost()
    {
        var (exitCode, lines) = await RunAsync("--jobs", "2000", "--kills", "1", "--workers", "2", "--kill-interval", "0.5", "--job-ms", "20", "--seed", "3");

        var match = SummaryLine().Match(lines[^1]);
        Assert.True(match.Success, string.Join(Environment.NewLine, lines));
        Assert.Equal("2000", match.Groups["jobs"].Value);
        Assert.Equal("2000", match.Groups["executed"].Value);
        Assert.Equal("0", match.Groups["lost"].Value);
        Assert.Equal("1", match.Groups["kills"].Value);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task The_command_exits_non_zero_when_jobs_are_lost()
    {
        // A zero wait gives up before the workers drain anything: those jobs count as lost.
        var (exitCode, lines) = await RunAsync("--jobs", "5000", "--kills", "0", "--workers", "1", "--timeout", "0");

        var match = SummaryLine().Match(lines[^1]);
        Assert.True(match.Success, string.Join(Environment.NewLine, lines));
        Assert.NotEqual("0", match.Groups["lost"].Value);
        Assert.Equal(1, exitCode);
    }

    private static async Task<(int ExitCode, string[] Lines)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(ChaosRun).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout;
        ChaosEnvironment.Log(output + await stderr);
        return (process.ExitCode, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [GeneratedRegex(@"^jobs=(?<jobs>\d+) executed=(?<executed>\d+) lost=(?<lost>\d+) reruns=(?<reruns>\d+) kills=(?<kills>\d+)$")]
    private static partial Regex SummaryLine();
}
