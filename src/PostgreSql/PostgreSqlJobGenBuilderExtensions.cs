using JobGen.Storage;
using JobGen.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace JobGen;

/// <summary>
/// <c>UsePostgreSql</c> on the <see cref="JobGenBuilder"/> returned by <c>AddJobGen</c>. In namespace <c>JobGen</c>,
/// next to the builder, so it shows up without an extra using.
/// </summary>
public static class PostgreSqlJobGenBuilderExtensions
{
    /// <summary>
    /// Keeps jobs in PostgreSQL, in the database <paramref name="connectionString"/> names (an Npgsql connection
    /// string). The overload with <c>configure</c> sets the schema, automatic migration and the rest. The storage is a
    /// singleton (also resolvable as <see cref="PostgreSqlJobStorage"/>, for <c>Enlist(transaction)</c>) that owns
    /// its data source. When the host starts, the schema is migrated (<c>AutoMigrate</c>) or checked.
    /// </summary>
    public static JobGenBuilder UsePostgreSql(this JobGenBuilder builder, string connectionString) => UsePostgreSql(builder, connectionString, null);

    /// <inheritdoc cref="UsePostgreSql(JobGenBuilder, string)"/>
    public static JobGenBuilder UsePostgreSql(this JobGenBuilder builder, string connectionString, Action<PostgreSqlStorageOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = Configure(configure);
        return Register(builder, sp => PostgreSqlJobStorage.Create(connectionString, options, sp.GetService<TimeProvider>()));
    }

    /// <summary>
    /// Keeps jobs in PostgreSQL through the application's own <paramref name="dataSource"/> (not disposed by JobGen).
    /// Build it with <c>NpgsqlSlimDataSourceBuilder</c> and <c>EnableArrays()</c> for the smallest Native AOT worker,
    /// and set <c>Max Auto Prepare</c> in its connection string for prepared statements.
    /// </summary>
    public static JobGenBuilder UsePostgreSql(this JobGenBuilder builder, NpgsqlDataSource dataSource) => UsePostgreSql(builder, dataSource, null);

    /// <inheritdoc cref="UsePostgreSql(JobGenBuilder, NpgsqlDataSource)"/>
    public static JobGenBuilder UsePostgreSql(this JobGenBuilder builder, NpgsqlDataSource dataSource, Action<PostgreSqlStorageOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        var options = Configure(configure);
        return Register(builder, sp => new PostgreSqlJobStorage(dataSource, options, sp.GetService<TimeProvider>()));
    }

    private static PostgreSqlStorageOptions Configure(Action<PostgreSqlStorageOptions>? configure)
    {
        var options = new PostgreSqlStorageOptions();
        configure?.Invoke(options);
        options.Validate();
        return options;
    }

    private static JobGenBuilder Register(JobGenBuilder builder, Func<IServiceProvider, PostgreSqlJobStorage> factory)
    {
        builder.Services.RemoveAll<PostgreSqlJobStorage>();
        builder.Services.AddSingleton(factory);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgreSqlSchemaCheck>());
        return builder.UseStorage(sp => sp.GetRequiredService<PostgreSqlJobStorage>());
    }
}
