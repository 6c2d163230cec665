using System.Text;
using JobGen.Storage;
using JobGen.Storage.PostgreSql;
using JobGen.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JobGen.PostgreSql.Tests;

/// <summary>
/// Signed envelopes and a [Sensitive] argument on a real PostgreSQL: the round trip works, the forgery dies, and no
/// row of the storage's tables holds a card number in clear text afterwards.
/// </summary>
public sealed class PostgreSqlSecurityTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task Signed_and_encrypted_jobs_round_trip_and_no_row_holds_a_plain_value()
    {
        var ct = TestContext.Current.CancellationToken;
        var schema = PostgresServerFixture.NewSchema();
        var scenario = new SecureRunScenario();
        var services = new ServiceCollection();
        services.AddJobGen(SecureRunScenario.Configure).UsePostgreSql(postgres.ConnectionString, o => o.Schema = schema);
        services.AddSingleton<IJobDispatcher>(scenario);
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await provider.GetRequiredService<PostgreSqlJobStorage>().CreateMigrator().MigrateAsync(ct);

        var dead = await scenario.RunAsync(provider, ct);

        Assert.Equal(Enumerable.Range(0, SecureRunScenario.Payments).Where(i => i % 2 == 0), scenario.Ran.Keys.Order());
        Assert.All(scenario.Ran, run => Assert.Equal(SecureRunScenario.Card(run.Key), run.Value));
        Assert.Equal(SecureRunScenario.Payments / 2, dead.Count(d => d.Reason == DeathReason.AttemptsExhausted));
        Assert.Equal("forged", Assert.Single(dead, d => d.Reason == DeathReason.BadSignature).JobId);

        var found = new List<string>();
        var rows = 0;
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync(ct);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = @s ORDER BY 1", connection))
        {
            list.Parameters.AddWithValue("s", schema);
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT * FROM \"{schema}\".\"{table}\"", connection);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var bytes = reader.IsDBNull(i) ? [] : reader.GetValue(i) is byte[] raw ? raw : Encoding.UTF8.GetBytes(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
                    found.AddRange(SecureRunScenario.PlainCardsIn(bytes).Select(card => $"{table}.{reader.GetName(i)}: {card}"));
                }
            }
        }

        Assert.True(rows > SecureRunScenario.Payments / 2, $"only {rows} rows scanned");
        Assert.Empty(found);
    }
}
