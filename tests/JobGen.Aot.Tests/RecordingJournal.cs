using System.Collections.Concurrent;
using SampleApp;

namespace JobGen.Aot.Tests;

/// <summary>A journal kept in memory, for the sample jobs run by an in-process worker; signals each entry.</summary>
internal sealed class RecordingJournal : IJobJournal
{
    private readonly ConcurrentQueue<string> _entries = new();
    private readonly SemaphoreSlim _written = new(0);

    public IReadOnlyCollection<string> Entries => _entries;

    public ValueTask WriteAsync(string entry, CancellationToken cancellationToken)
    {
        _entries.Enqueue(entry);
        _written.Release();
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits for <paramref name="count"/> entries in all, failing after <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (_entries.Count < count)
            {
                await _written.WaitAsync(cts.Token);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{_entries.Count} of {count} jobs ran within {timeout.TotalSeconds} s: {string.Join(" | ", _entries)}");
        }
    }
}
