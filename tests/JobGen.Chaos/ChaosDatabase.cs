using JobGen.Storage;
using JobGen.Storage.PostgreSql;
using JobGen.Storage.Redis;
using JobGen.TestServers;
using Npgsql;

namespace JobGen.Chaos;

/// <summary>
/// Where a chaos run keeps its jobs: the Redis of the ledger (key prefix per run), or a private PostgreSQL 15 that
/// this class starts (fsync on: its crash is under test), migrates (one schema per run) and can crash with
/// <c>pg_ctl stop -m immediate</c> and start again on the same data. The ledger always stays in Redis, so it
/// survives the database's crash.
/// </summary>
public sealed class ChaosDatabase : IAsyncDisposable
{
    private readonly PostgresServer? _server;

    private ChaosDatabase(IJobStorage storage, PostgresServer? server, string? connectionString)
    {
        Storage = storage;
        _server = server;
        ConnectionString = connectionString;
    }

    /// <summary>The storage the driver enqueues through.</summary>
    public IJobStorage Storage { get; }

    /// <summary>The PostgreSQL connection string the workers use; null on Redis.</summary>
    public string? ConnectionString { get; }

    /// <summary>Whether the database can be crashed (PostgreSQL).</summary>
    public bool CanCrash => _server is not null;

    /// <summary>Starts (PostgreSQL) or connects to (Redis) the jobs' storage for <paramref name="settings"/>.</summary>
    public static async Task<ChaosDatabase> StartAsync(bool postgres, WorkerSettings settings)
    {
        if (!postgres)
        {
            return new ChaosDatabase(
                await RedisJobStorage.ConnectAsync(new RedisStorageOptions { Configuration = settings.Redis, KeyPrefix = settings.Prefix }).ConfigureAwait(false), null, null);
        }

        var server = await PostgresServer.StartAsync(durable: true).ConfigureAwait(false);
        try
        {
            var connectionString = server.ConnectionString();
            var storage = PostgreSqlJobStorage.Create(connectionString, new PostgreSqlStorageOptions { Schema = settings.Schema });
            await storage.CreateMigrator().MigrateAsync(CancellationToken.None).ConfigureAwait(false);
            return new ChaosDatabase(storage, server, connectionString);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stops PostgreSQL like a crash (<c>-m immediate</c>: no checkpoint, recovery from the WAL at the next start), tries
    /// one enqueue while it is down (returns how that failed: it must fail, with the driver's exception), waits
    /// <paramref name="downtime"/>, and starts it again on the same port and data.
    /// </summary>
    public async Task<string> CrashAndRestartAsync(TimeSpan downtime, CancellationToken cancellationToken)
    {
        var server = _server ?? throw new InvalidOperationException("Only the PostgreSQL storage is crashed.");
        await server.StopAsync("immediate").ConfigureAwait(false);
        string outcome;
        try
        {
            await new JobClient(Storage).EnqueueManyAsync([JobGenChaosJobs.CreateRecordRequest(-1, 0)], cancellationToken).ConfigureAwait(false);
            outcome = "enqueue during the outage succeeded";
        }
        catch (NpgsqlException ex)
        {
            outcome = ex.GetType().FullName!;
        }

        await Task.Delay(downtime, cancellationToken).ConfigureAwait(false);
        await server.RestartAsync().ConfigureAwait(false);
        return outcome;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Storage is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }

        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
