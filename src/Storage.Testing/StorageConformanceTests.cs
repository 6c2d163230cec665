using System.Text;
using JobGen.Storage;

namespace JobGen.Storage.Testing;

/// <summary>
/// The one storage conformance suite: every <see cref="IJobStorage"/> must pass it. A subclass supplies a fresh,
/// isolated storage per test (<see cref="CreateStorageAsync"/>). Time is passed in, as the worker does, so
/// lease expiry and due times are tested with fixed instants, never sleeps. Split by area into partial files.
/// </summary>
public abstract partial class StorageConformanceTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private IJobStorage? _storage;

    /// <summary>The storage under test, fresh for each test.</summary>
    protected IJobStorage Storage => _storage ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new storage that shares nothing with other tests' storages.</summary>
    protected abstract ValueTask<IJobStorage> CreateStorageAsync();

    /// <summary>
    /// Returns once a fetch on <paramref name="queue"/> is parked waiting for work, where the storage can tell
    /// (Redis: a blocked client). Default: returns at once; the wake-up tests then still pass either way.
    /// </summary>
    protected virtual Task WaitUntilFetchIsWaitingAsync(string queue) => Task.CompletedTask;

    public async ValueTask InitializeAsync() => _storage = await CreateStorageAsync();

    public async ValueTask DisposeAsync()
    {
        switch (_storage)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

        GC.SuppressFinalize(this);
    }

    protected static byte[] P(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    protected static string[] Texts(IEnumerable<FetchedJob> jobs) => [.. jobs.Select(j => Text(j.Payload))];

    protected static string[] Texts(IEnumerable<StoredPayload> stored) => [.. stored.Select(s => Text(s.Payload))];

    protected ValueTask<IReadOnlyList<FetchedJob>> FetchNowAsync(string queue, int max, DateTimeOffset? deadline = null) =>
        Storage.FetchAsync([queue], max, deadline ?? T0 + Lease, TimeSpan.Zero, Ct);

    protected async Task EnqueueAllAsync(string queue, params string[] payloads)
    {
        foreach (var payload in payloads)
        {
            await Storage.EnqueueAsync(queue, P(payload), Ct);
        }
    }

    /// <summary>Fetches (and leases) everything ready on <paramref name="queue"/>, in fetch order.</summary>
    protected async Task<string[]> DrainAsync(string queue)
    {
        var all = new List<string>();
        while (await FetchNowAsync(queue, 1000) is { Count: > 0 } jobs)
        {
            all.AddRange(Texts(jobs));
        }

        return [.. all];
    }
}
