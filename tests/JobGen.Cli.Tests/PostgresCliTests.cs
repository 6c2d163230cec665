using JobGen.Storage.PostgreSql;
using JobGen.TestServers;

namespace JobGen.Cli.Tests;

/// <summary><c>migrate</c> and the read commands against a real PostgreSQL, chosen by the connection string's form.</summary>
public sealed class PostgresCliTests
{
    [Fact]
    public async Task Migrate_creates_the_schema_once_and_the_commands_then_read_it()
    {
        await using var server = await PostgresServer.StartAsync();
        var connection = await server.CreateDatabaseAsync("cli");

        var first = await CliProcess.RunAsync(connection, "migrate", "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(0, first.Json().GetProperty("from").GetInt32());
        Assert.Equal(PostgreSqlMigrator.LatestVersion, first.Json().GetProperty("to").GetInt32());

        var again = await CliProcess.RunAsync(connection, "migrate");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal($"Schema jobgen is at version {PostgreSqlMigrator.LatestVersion}, the latest: nothing to do.", again.Output.Trim());

        var queues = await CliProcess.RunAsync(connection, "queues", "--json");
        Assert.True(queues.ExitCode == 0, queues.ToString());
        Assert.Equal(0, queues.Json().GetArrayLength());
        var stats = await CliProcess.RunAsync(connection, "stats", "--json");
        Assert.Equal(0, stats.ExitCode);
        Assert.Equal(0, stats.Json().GetProperty("processed").GetInt64());

        await server.StopAsync();
        var down = await CliProcess.RunAsync(connection, "queues");
        Assert.Equal(3, down.ExitCode);
        Assert.StartsWith("jobgen: cannot reach PostgreSQL 127.0.0.1:", down.Error);
    }
}
