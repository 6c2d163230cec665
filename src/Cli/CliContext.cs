using System.CommandLine;
using JobGen.Storage;

namespace JobGen.Cli;

/// <summary>What every command gets: the parsed global options, the output writers and (opened on first use) the storage.</summary>
internal sealed class CliContext(StorageTarget target, bool json, TextWriter output, TimeProvider time) : IAsyncDisposable
{
    private IJobStorage? _storage;

    public StorageTarget Target => target;

    public bool Json => json;

    public TextWriter Output => output;

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<IJobStorage> StorageAsync() => _storage ??= await target.OpenAsync().ConfigureAwait(false);

    public async Task<JobMonitor> MonitorAsync() => new(await StorageAsync().ConfigureAwait(false), time);

    public async ValueTask DisposeAsync()
    {
        switch (_storage)
        {
            case IAsyncDisposable disposable:
                await disposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}

/// <summary>A failure the command reports itself: one line on stderr and its exit code, never a stack trace.</summary>
internal sealed class CliException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The exit codes scripts can rely on (docs/cli.md).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int Unreachable = 3;
    public const int NotFound = 4;
}

/// <summary>The options every command accepts.</summary>
internal static class GlobalOptions
{
    public const string ConnectionVariable = "JOBGEN_CONNECTION";

    public static readonly Option<string?> Connection = new("--connection", "-c")
    {
        Description = $"The storage's connection string (default: ${ConnectionVariable}). Redis: host:port[,password=...]; PostgreSQL: Host=...;Database=... or postgres://user:pass@host/db",
        Recursive = true,
    };

    public static readonly Option<string> Storage = new Option<string>("--storage")
    {
        Description = "Which storage the connection string names; auto decides by its form (docs/cli.md)",
        Recursive = true,
        DefaultValueFactory = _ => "auto",
    }.AcceptOnlyFromAmong(StorageTarget.Names);

    public static readonly Option<string> Prefix = new("--prefix")
    {
        Description = "Redis key prefix or PostgreSQL schema of the JobGen data",
        Recursive = true,
        DefaultValueFactory = _ => "jobgen",
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Write JSON for scripts instead of tables", Recursive = true };

    public static readonly Option<bool> Verbose = new("--verbose") { Description = "Show the full exception on errors", Recursive = true };
}
