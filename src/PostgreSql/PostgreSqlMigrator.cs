using System.Globalization;
using Npgsql;

namespace JobGen.Storage.PostgreSql;

/// <summary>
/// Creates and upgrades JobGen's schema. Each migration runs once, in order, in one transaction with the version
/// row it adds, under a transaction-scoped advisory lock on the schema name: any number of processes may migrate at
/// once, one applies and the others find nothing left to do. The operator's command path (a deploy step, a CLI);
/// the worker calls it at start only when <see cref="PostgreSqlStorageOptions.AutoMigrate"/> is on.
/// </summary>
public sealed class PostgreSqlMigrator
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string _quoted;

    /// <summary>A migrator for <paramref name="schema"/> in the database <paramref name="dataSource"/> connects to.</summary>
    public PostgreSqlMigrator(NpgsqlDataSource dataSource, string schema = "jobgen")
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        new PostgreSqlStorageOptions { Schema = schema }.Validate();
        _dataSource = dataSource;
        _schema = schema;
        _quoted = Quote(schema);
    }

    /// <summary>The schema version this JobGen needs.</summary>
    public static int LatestVersion => PostgreSqlMigrations.Latest;

    /// <summary>
    /// Applies every pending migration to the database named by <paramref name="connectionString"/>; returns how many
    /// were applied (0 when the schema was current). The one-call form for a deploy step or a CLI.
    /// </summary>
    public static async Task<int> MigrateAsync(string connectionString, string schema, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await new PostgreSqlMigrator(dataSource, schema).MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The schema's current version: 0 when it does not exist (or has no version table).</summary>
    public async Task<int> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT CASE WHEN to_regclass($1) IS NULL THEN 0 ELSE -1 END");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _quoted + ".schema_version" });
        var exists = (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (exists == 0)
        {
            return 0;
        }

        await using var read = _dataSource.CreateCommand($"SELECT coalesce(max(version), 0) FROM {_quoted}.schema_version");
        return (int)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Applies every pending migration; returns how many were applied (0 when the schema was current).</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Serializes migrators of this schema (CREATE SCHEMA IF NOT EXISTS alone races); released at commit.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('jobgen.migrate:' || $1))", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _schema });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction,
            $"CREATE SCHEMA IF NOT EXISTS {_quoted}; CREATE TABLE IF NOT EXISTS {_quoted}.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
            cancellationToken).ConfigureAwait(false);
        int current;
        await using (var read = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {_quoted}.schema_version", connection, transaction))
        {
            current = (int)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        for (var version = current + 1; version <= PostgreSqlMigrations.Latest; version++)
        {
            var sql = PostgreSqlMigrations.All[version - 1].Replace("{s}", _quoted, StringComparison.Ordinal);
            await ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                string.Create(CultureInfo.InvariantCulture, $"INSERT INTO {_quoted}.schema_version (version) VALUES ({version})"),
                cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Math.Max(0, PostgreSqlMigrations.Latest - current);
    }

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> naming the fix when the schema is missing or older than this
    /// JobGen needs; the check the worker runs at start when automatic migration is off.
    /// </summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken = default)
    {
        var version = await GetVersionAsync(cancellationToken).ConfigureAwait(false);
        if (version < PostgreSqlMigrations.Latest)
        {
            var state = version == 0 ? "does not exist" : string.Create(CultureInfo.InvariantCulture, $"is at version {version}");
            var latest = PostgreSqlMigrations.Latest.ToString(CultureInfo.InvariantCulture);
            throw new InvalidOperationException(
                $"The JobGen schema \"{_schema}\" in database \"{_dataSource.DatabaseName()}\" {state}; this JobGen needs version {latest}. " +
                $"Apply the migrations with `await PostgreSqlMigrator.MigrateAsync(connectionString, \"{_schema}\", cancellationToken)` (a deploy step), " +
                "or let the worker apply them at start: UsePostgreSql(connectionString, o => o.AutoMigrate = true).");
        }
    }

    internal static string Quote(string schema) => "\"" + schema + "\"";

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Small helpers on <see cref="NpgsqlDataSource"/> for messages.</summary>
internal static class NpgsqlDataSourceNames
{
    public static string DatabaseName(this NpgsqlDataSource dataSource) =>
        new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database ?? "(default)";

    public static string Endpoint(this NpgsqlDataSource dataSource)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}");
    }
}
