using System.Diagnostics;
using System.Globalization;

namespace JobGen.Benchmarks.E2e;

/// <summary>
/// Redis's own limits on the same server in the same run, measured with <c>redis-benchmark</c>: what a job system
/// cannot beat, so every JobGen figure is read as a fraction of it. Keys live under <c>{prefix}</c> and are deleted after.
/// </summary>
public sealed class RedisCeilings(string host, int port, string prefix)
{
    /// <summary>LPUSH, one client, no pipelining: the round-trip bound of "one caller awaiting each enqueue".</summary>
    public Task<double> LpushSingleClientAsync(int requests) =>
        RunAsync(["-c", "1", "-P", "1", "-n", N(requests), "lpush", Key("lpush1"), "payload"]);

    /// <summary>LPUSH, 50 clients pipelining 16: the bound of bulk and concurrent enqueue.</summary>
    public Task<double> LpushPipelinedAsync(int requests) =>
        RunAsync(["-c", "50", "-P", "16", "-n", N(requests), "lpush", Key("lpush16"), "payload"]);

    /// <summary>LMOVE of a one-element list onto itself, 50 clients pipelining 16: the bound of a fetch that moves a job.</summary>
    public async Task<double> LmovePipelinedAsync(int requests)
    {
        await RunAsync(["-c", "1", "-n", "1", "lpush", Key("ring"), "payload"]).ConfigureAwait(false);
        return await RunAsync(["-c", "50", "-P", "16", "-n", N(requests), "lmove", Key("ring"), Key("ring"), "right", "left"]).ConfigureAwait(false);
    }

    /// <summary>The same move inside a Lua script: the bound of a scripted (atomic, multi-key) fetch.</summary>
    public async Task<double> LuaMovePipelinedAsync(int requests)
    {
        await RunAsync(["-c", "1", "-n", "1", "lpush", Key("ring"), "payload"]).ConfigureAwait(false);
        return await RunAsync(["-c", "50", "-P", "16", "-n", N(requests), "eval",
            "return redis.call('lmove',KEYS[1],KEYS[1],'right','left')", "1", Key("ring")]).ConfigureAwait(false);
    }

    /// <summary>Deletes the keys the ceilings wrote.</summary>
    public Task CleanupAsync() => RunAsync(["-c", "1", "-n", "1", "del", Key("lpush1"), Key("lpush16"), Key("ring")]);

    private string Key(string name) => $"{prefix}:{name}";

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    // redis-benchmark --csv prints a header line, then "name","rps",...: the rate is the second field of the last line.
    private async Task<double> RunAsync(IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("redis-benchmark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "--csv"])
        {
            start.ArgumentList.Add(a);
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-benchmark did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-benchmark {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr.ConfigureAwait(false)}");
        }

        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var fields = last.Split("\",\"");
        // A one-request setup call can report "inf": it is not a measurement.
        var rate = fields[1].Trim('"');
        return rate == "inf" ? double.PositiveInfinity : double.Parse(rate, CultureInfo.InvariantCulture);
    }

    /// <summary>Whether redis-benchmark is on the PATH.</summary>
    public static bool IsInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, "redis-benchmark")));
}
