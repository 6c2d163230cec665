using System.Globalization;

namespace JobGen.Chaos;

/// <summary>What a worker process is started with; passed on its command line after the word <c>worker</c>.</summary>
public sealed record WorkerSettings
{
    /// <summary>StackExchange.Redis configuration string.</summary>
    public required string Redis { get; init; }

    /// <summary>Key prefix of JobGen's keys and the ledger's (one per run, so runs can share a Redis).</summary>
    public required string Prefix { get; init; }

    /// <summary>An Npgsql connection string: when set, the jobs live in PostgreSQL (schema <see cref="Schema"/>), not Redis.</summary>
    public string? Postgres { get; init; }

    /// <summary>The PostgreSQL schema of the run's jobs.</summary>
    public string Schema => "chaos_" + new string([.. Prefix.Where(char.IsAsciiLetterOrDigit)]).ToLowerInvariant();

    /// <summary>Jobs run at once.</summary>
    public int Concurrency { get; init; } = 10;

    /// <summary>Lease length: short in chaos mode so a killed worker's jobs are rescued quickly.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a graceful stop lets running jobs finish.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Fixed delay before a retry (the default backoff starts at 15 s, too slow for tests).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest payload the worker runs.</summary>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;

    /// <summary>The command line that reproduces these settings.</summary>
    public IEnumerable<string> ToArguments()
    {
        string[] args =
        [
            "worker",
            .. Postgres is null ? Array.Empty<string>() : ["--postgres", Postgres],
            "--redis", Redis,
            "--prefix", Prefix,
            "--concurrency", Concurrency.ToString(CultureInfo.InvariantCulture),
            "--lease-ms", Ms(Lease),
            "--shutdown-ms", Ms(ShutdownTimeout),
            "--retry-ms", Ms(RetryDelay),
            "--max-payload", MaxPayloadBytes.ToString(CultureInfo.InvariantCulture),
        ];
        return args;
    }

    /// <summary>Parses what <see cref="ToArguments"/> wrote (without the leading <c>worker</c>).</summary>
    public static WorkerSettings Parse(IReadOnlyDictionary<string, string> args) => new()
    {
        Redis = args["redis"],
        Prefix = args["prefix"],
        Postgres = args.GetValueOrDefault("postgres"),
        Concurrency = int.Parse(args["concurrency"], CultureInfo.InvariantCulture),
        Lease = TimeSpan.FromMilliseconds(int.Parse(args["lease-ms"], CultureInfo.InvariantCulture)),
        ShutdownTimeout = TimeSpan.FromMilliseconds(int.Parse(args["shutdown-ms"], CultureInfo.InvariantCulture)),
        RetryDelay = TimeSpan.FromMilliseconds(int.Parse(args["retry-ms"], CultureInfo.InvariantCulture)),
        MaxPayloadBytes = int.Parse(args["max-payload"], CultureInfo.InvariantCulture),
    };

    private static string Ms(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}
