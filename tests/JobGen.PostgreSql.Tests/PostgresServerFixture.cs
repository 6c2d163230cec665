using JobGen.Storage.PostgreSql;
using JobGen.TestServers;

namespace JobGen.PostgreSql.Tests;

/// <summary>
/// One private PostgreSQL for the whole test assembly; tests isolate themselves by schema (each storage gets a new
/// schema, migrated), so they share nothing and run in parallel.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private static int _next;
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture did not start.");

    public string ConnectionString => Server.ConnectionString();

    /// <summary>A schema name no other test uses.</summary>
    public static string NewSchema() => "t" + Environment.ProcessId + "_" + Interlocked.Increment(ref _next);

    /// <summary>A storage over a new, migrated schema.</summary>
    public async Task<PostgreSqlJobStorage> NewStorageAsync(string? schema = null, TimeProvider? time = null)
    {
        var storage = PostgreSqlJobStorage.Create(ConnectionString, new PostgreSqlStorageOptions { Schema = schema ?? NewSchema() }, time);
        await storage.CreateMigrator().MigrateAsync(TestContext.Current.CancellationToken);
        return storage;
    }

    public async ValueTask InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
