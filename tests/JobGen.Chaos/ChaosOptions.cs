using System.Globalization;

namespace JobGen.Chaos;

/// <summary>
/// The driver's command line: <c>--jobs N --kills K [--workers W] [--redis HOST:PORT] [--storage redis|postgres]
/// [--db-restarts R]</c> and tuning knobs.
/// </summary>
public sealed record ChaosOptions
{
    /// <summary>Jobs to enqueue.</summary>
    public int Jobs { get; init; } = 20_000;

    /// <summary>Worker SIGKILLs to make (each followed by a restart).</summary>
    public int Kills { get; init; } = 5;

    /// <summary>Worker processes.</summary>
    public int Workers { get; init; } = 3;

    /// <summary>An existing Redis (StackExchange.Redis configuration string); null starts a private redis-server.</summary>
    public string? Redis { get; init; }

    /// <summary>Where the jobs live: <c>redis</c> (default) or <c>postgres</c> (a private PostgreSQL 15, fsync on; the ledger stays in Redis).</summary>
    public string Storage { get; init; } = "redis";

    /// <summary>PostgreSQL only: times the server is stopped with <c>pg_ctl stop -m immediate</c> (a crash) and restarted mid-run.</summary>
    public int DbRestarts { get; init; } = 1;

    /// <summary>Whether the jobs live in PostgreSQL.</summary>
    public bool OnPostgres => Storage == "postgres";

    /// <summary>Jobs each worker runs at once.</summary>
    public int Concurrency { get; init; } = 10;

    /// <summary>Lease length: short so a killed worker's jobs come back quickly.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time between kills (randomised between half and all of it).</summary>
    public TimeSpan KillInterval { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Simulated work per job, so the drain lasts long enough for the kills to land on running jobs.</summary>
    public int JobMilliseconds { get; init; } = 10;

    /// <summary>How long to wait for every job to run before giving up (and reporting the lost ones).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Seed of the kill schedule (which worker, when).</summary>
    public int Seed { get; init; } = Environment.TickCount;

    public static ChaosOptions Parse(IReadOnlyDictionary<string, string> args)
    {
        var options = new ChaosOptions();
        int Int(string name, int fallback) => args.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        TimeSpan Seconds(string name, TimeSpan fallback) => args.TryGetValue(name, out var v) ? TimeSpan.FromSeconds(double.Parse(v, CultureInfo.InvariantCulture)) : fallback;
        return options with
        {
            Jobs = Int("jobs", options.Jobs),
            Kills = Int("kills", options.Kills),
            Workers = Int("workers", options.Workers),
            Redis = args.GetValueOrDefault("redis"),
            Storage = args.GetValueOrDefault("storage") is { } storage
                ? storage is "redis" or "postgres" ? storage : throw new ArgumentException($"--storage must be redis or postgres, not '{storage}'.")
                : options.Storage,
            DbRestarts = Int("db-restarts", options.DbRestarts),
            Concurrency = Int("concurrency", options.Concurrency),
            Lease = Seconds("lease", options.Lease),
            KillInterval = Seconds("kill-interval", options.KillInterval),
            Timeout = Seconds("timeout", options.Timeout),
            Seed = Int("seed", options.Seed),
            JobMilliseconds = Int("job-ms", options.JobMilliseconds),
        };
    }

    /// <summary><c>--name value</c> pairs; a flag without a value is "true".</summary>
    public static Dictionary<string, string> ReadPairs(IEnumerable<string> args)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    pairs[name] = "true";
                }

                name = arg[2..];
            }
            else if (name is not null)
            {
                pairs[name] = arg;
                name = null;
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{arg}'.");
            }
        }

        if (name is not null)
        {
            pairs[name] = "true";
        }

        return pairs;
    }
}
