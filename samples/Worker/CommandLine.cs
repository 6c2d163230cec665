namespace SampleWorker;

/// <summary>The worker's command-line options, mapped onto the "Worker" configuration section.</summary>
public static class CommandLine
{
    /// <summary>Each option and the configuration key it sets.</summary>
    private static readonly Dictionary<string, string> Mappings = new(StringComparer.Ordinal)
    {
        ["--redis"] = "Worker:Redis",
        ["--postgres"] = "Worker:Postgres",
        ["--queues"] = "Worker:Queues",
        ["--concurrency"] = "Worker:Concurrency",
        ["--shutdown-timeout"] = "Worker:ShutdownTimeout",
        ["--journal"] = "Worker:Journal",
    };

    /// <summary>A fresh copy of the mappings for <c>AddCommandLine</c>.</summary>
    public static Dictionary<string, string> SwitchMappings() => new(Mappings, StringComparer.Ordinal);

    /// <summary>What <c>--help</c> prints.</summary>
    public const string Usage = """
        Usage: Worker [options]
          --redis CONFIG            StackExchange.Redis configuration (default 127.0.0.1:6379)
          --postgres CONNECTION     keep the jobs in PostgreSQL instead of Redis (an Npgsql connection string; the
                                    schema must exist: apply JobGen's migrations first, see docs/postgresql.md)
          --queues LIST             queues with weights, e.g. critical:3,default:1; without weights, in strict order
                                    (appsettings.json: critical:3,default:2,webhooks:1,reports:1)
          --concurrency N           jobs run at once (default 10)
          --shutdown-timeout TIME   on SIGTERM/SIGINT, time to finish running jobs before they are returned to their queues (default 25s)
          --journal FILE            append the sample jobs' results to FILE instead of the log
        Every option can also come from appsettings.json ("Worker": { "Redis": ... }) or the environment (Worker__Redis=...);
        JobGen's own settings (lease, poll interval...) from the "JobGen" section (JobGen__Worker__LeaseDuration=...).
        Exit codes: 0 stopped cleanly, 1 invalid options, 2 Redis unreachable at start (on PostgreSQL, an unreachable
        server or a missing schema stops the worker at start with a message naming the fix, exit code 3).
        """;

    /// <summary>Whether <paramref name="args"/> asks for help.</summary>
    public static bool WantsHelp(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");

    /// <summary>The first argument that is not a known option or an option's value, if any (typos must not pass silently).</summary>
    public static string? FindUnknown(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].Split('=', 2)[0];
            if (!Mappings.ContainsKey(name))
            {
                return args[i];
            }

            if (!args[i].Contains('=', StringComparison.Ordinal))
            {
                i++; // the value
            }
        }

        return null;
    }
}
