using Microsoft.Extensions.Hosting;
using Npgsql;

namespace JobGen.Storage.PostgreSql;

/// <summary>
/// Runs before any hosted service starts (the worker included): applies the migrations when
/// <see cref="PostgreSqlStorageOptions.AutoMigrate"/> is on, else checks that the schema is current. A wrong
/// connection string, an unreachable server or a missing or older schema stops the host at start with a message
/// naming the cause and the fix.
/// </summary>
internal sealed class PostgreSqlSchemaCheck(PostgreSqlJobStorage storage) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var migrator = storage.CreateMigrator();
        try
        {
            if (storage.Options.AutoMigrate)
            {
                await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await migrator.EnsureCurrentAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException(
                $"JobGen could not use PostgreSQL at {storage.DataSource.Endpoint()} (database \"{storage.DataSource.DatabaseName()}\"): {ex.Message} " +
                "Check the connection string given to UsePostgreSql (host, port, database, user, password) and that the server is up.", ex);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
