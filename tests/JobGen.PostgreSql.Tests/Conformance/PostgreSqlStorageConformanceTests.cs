using System.Diagnostics;
using JobGen.Storage;
using JobGen.Storage.PostgreSql;
using JobGen.Storage.Testing;

namespace JobGen.PostgreSql.Tests.Conformance;

/// <summary>The conformance suite on <see cref="PostgreSqlJobStorage"/> over a real PostgreSQL, one schema per test.</summary>
public sealed class PostgreSqlStorageConformanceTests(PostgresServerFixture postgres) : StorageConformanceTests
{
    private PostgreSqlJobStorage? _storage;

    protected override async ValueTask<IJobStorage> CreateStorageAsync() => _storage = await postgres.NewStorageAsync();

    // Parked means listening and registered for the queue: an enqueue from now on must wake it.
    protected override async Task WaitUntilFetchIsWaitingAsync(string queue)
    {
        var deadline = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
        while (!_storage!.IsWaiting(queue))
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"No fetch parked on '{queue}' within 10 s.");
            await Task.Delay(5, Ct);
        }
    }
}
