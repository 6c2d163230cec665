using JobGen.Storage;

namespace JobGen.PostgreSql.Tests;

/// <summary>
/// What the PostgreSQL storage adds to the conformance suite's operator controls: pauses are rows that a restarted
/// storage reads back, and a signal goes with its process when the heartbeat of another process prunes it.
/// </summary>
public sealed class PostgreSqlControlsTests(PostgresServerFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pause_outlives_the_storage_that_set_it()
    {
        var schema = PostgresServerFixture.NewSchema();
        await using (var first = await postgres.NewStorageAsync(schema))
        {
            await first.SetQueuePausedAsync("mailers", true, Ct);
        }

        await using var restarted = await postgres.NewStorageAsync(schema);
        Assert.Equal(["mailers"], await restarted.GetPausedQueuesAsync(Ct));
    }

    [Fact]
    public async Task An_expired_process_pruned_by_a_heartbeat_takes_its_signal_with_it()
    {
        await using var storage = await postgres.NewStorageAsync();
        await storage.HeartbeatAsync(Process("gone"), TimeSpan.FromMinutes(1), T0, Ct);
        await storage.HeartbeatAsync(Process("live"), TimeSpan.FromMinutes(10), T0, Ct);
        await storage.SignalProcessAsync("gone", ProcessSignal.Stop, Ct);
        await storage.SignalProcessAsync("live", ProcessSignal.Quiet, Ct);

        await storage.HeartbeatAsync(Process("live"), TimeSpan.FromMinutes(10), T0 + TimeSpan.FromMinutes(2), Ct);

        Assert.Equal(ProcessSignal.None, await storage.GetProcessSignalAsync("gone", Ct));
        Assert.Equal(ProcessSignal.Quiet, await storage.GetProcessSignalAsync("live", Ct));
    }

    private static ProcessInfo Process(string id) => new(id, "host", 1, ["q"], 1, 0, T0, "1.0");
}
