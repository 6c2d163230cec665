using System.Globalization;

namespace JobGen.Benchmarks.E2e;

/// <summary>Command line of <c>e2e</c>: <c>[--redis HOST:PORT] [--jobs N] [--quick] [--worker aot|jit|both] [--concurrency N] [--fetch-batch N] [--callers N] [--latency-jobs N] [--workloads single,concurrent,bulk,drain,drain_inmemory,latency] [--no-ceilings|--ceilings]</c>.</summary>
public sealed record E2eOptions
{
    /// <summary>An existing Redis to use (a scratch database: the harness deletes its own keys); null starts a private one.</summary>
    public string? Redis { get; init; }

    /// <summary>Jobs per throughput workload.</summary>
    public int Jobs { get; init; } = 100_000;

    /// <summary>Jobs in the pickup-latency workload (one every 2 ms).</summary>
    public int LatencyJobs { get; init; } = 5_000;

    /// <summary>Worker concurrency (jobs run at once in the draining process).</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Jobs per fetch in the draining worker; 0 keeps the worker's default (its concurrency).</summary>
    public int FetchBatch { get; init; }

    /// <summary>Callers of the concurrent enqueue workload (a busy web server).</summary>
    public int Callers { get; init; } = 64;

    /// <summary>Workloads to run (single, concurrent, bulk, drain, drain_inmemory, latency); drain needs bulk, which fills its queue.</summary>
    public IReadOnlySet<string> Workloads { get; init; } = AllWorkloads;

    public static readonly IReadOnlySet<string> AllWorkloads = new HashSet<string>(["single", "concurrent", "bulk", "drain", "drain_inmemory", "latency"], StringComparer.Ordinal);

    /// <summary>
    /// The worker processes of the drain and latency workloads, in order: <c>aot</c> (published by the harness; lines
    /// <c>drain</c>, <c>latency</c>) and/or <c>jit</c> (this program again; lines <c>drain_jit</c>, <c>latency_jit</c>).
    /// </summary>
    public IReadOnlyList<string> Workers { get; init; } = ["aot", "jit"];

    /// <summary>Run redis-benchmark for the ceilings.</summary>
    public bool Ceilings { get; init; } = true;

    /// <summary>The CI smoke variant: 10,000 jobs, a short latency run, no ceilings, the JIT worker only (no AOT publish);
    /// it checks correctness only.</summary>
    public static E2eOptions Quick => new() { Jobs = 10_000, LatencyJobs = 200, Ceilings = false, Workers = ["jit"] };

    public static E2eOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick") ? Quick : new E2eOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--quick" => options,
                "--redis" => options with { Redis = Value(args, ref i) },
                "--jobs" => options with { Jobs = Number(args, ref i) },
                "--latency-jobs" => options with { LatencyJobs = Number(args, ref i) },
                "--concurrency" => options with { Concurrency = Number(args, ref i) },
                "--callers" => options with { Callers = Number(args, ref i) },
                "--fetch-batch" => options with { FetchBatch = Number(args, ref i) },
                "--worker" => options with { Workers = WorkerList(Value(args, ref i)) },
                "--workloads" => options with { Workloads = WorkloadSet(Value(args, ref i)) },
                "--no-ceilings" => options with { Ceilings = false },
                "--ceilings" => options with { Ceilings = true },
                var other => throw new ArgumentException($"Unknown e2e option '{other}'. Usage: e2e [--redis HOST:PORT] [--jobs N] [--quick] [--worker aot|jit|both] [--concurrency N] [--fetch-batch N] [--callers N] [--latency-jobs N] [--workloads single,concurrent,bulk,drain,drain_inmemory,latency] [--no-ceilings|--ceilings]"),
            };
        }

        return options;
    }

    private static string[] WorkerList(string value) => value switch
    {
        "aot" => ["aot"],
        "jit" => ["jit"],
        "both" => ["aot", "jit"],
        _ => throw new ArgumentException($"--worker takes aot, jit or both; got '{value}'."),
    };

    private static HashSet<string> WorkloadSet(string list)
    {
        var set = new HashSet<string>(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
        if (set.Count == 0 || !set.IsSubsetOf(AllWorkloads))
        {
            throw new ArgumentException($"--workloads takes a comma-separated list of {string.Join(", ", AllWorkloads)}; got '{list}'.");
        }

        if (set.Contains("drain"))
        {
            set.Add("bulk"); // the bulk enqueue fills the drain's queue
        }

        return set;
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    private static int Number(IReadOnlyList<string> args, ref int i)
    {
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{args[i - 1]} needs a positive number, not '{text}'.");
    }
}
