using System.Diagnostics;
using System.Globalization;
using JobGen.Chaos;
using JobGen.Storage;

namespace JobGen.Reliability.Tests.Processes;

/// <summary>Unique jobs across real processes: the lock is taken atomically in Redis, not in any one process.</summary>
[Collection(ProcessTestCollection.Name)]
public sealed class UniqueEnqueueProcessTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Three_processes_each_making_64_concurrent_enqueues_of_one_unique_job_store_exactly_one()
    {
        await using var env = await ChaosEnvironment.StartAsync();
        var startAt = DateTimeOffset.UtcNow.AddSeconds(8).ToUnixTimeMilliseconds(); // after every process has connected
        var processes = Enumerable.Range(0, 3).Select(_ => Start(
            "enqueue-unique", "--redis", env.Settings.Redis, "--prefix", env.Settings.Prefix, "--callers", "64",
            "--file", "orders.csv", "--start-at", startAt.ToString(CultureInfo.InvariantCulture))).ToArray();

        var outputs = await Task.WhenAll(processes.Select(ReadToEndAsync));

        var results = outputs.SelectMany(o => o.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(l => l.StartsWith("result ", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .ToArray();
        Assert.Equal(3 * 64, results.Length);
        Assert.Single(results, r => r[2] == "new");
        var id = Assert.Single(results.Select(r => r[1]).Distinct(StringComparer.Ordinal));
        var stored = await env.Storage.GetPageAsync(JobDefaults.Queue, PayloadSet.Ready, 0, 1000, CancellationToken.None);
        Assert.Equal(id, EnvelopeSerializer.Deserialize(Assert.Single(stored).Payload).Id);
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(UniqueEnqueuer).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("The process did not start.");
    }

    private static async Task<string> ReadToEndAsync(Process process)
    {
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            try
            {
                await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(ProcessTimeout, TestContext.Current.CancellationToken);
            }
            catch (TimeoutException)
            {
                process.Kill();
                throw;
            }

            Assert.True(process.ExitCode == 0, $"The enqueuing process exited with {process.ExitCode}: {await errors}");
            return await output;
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}
