namespace QuickStart;

/// <summary>Jobs that completed, counted by the jobs themselves so the demo knows when it is done.</summary>
public sealed class DemoCounters
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _completed;
    private long _expected = long.MaxValue;

    public long CompletedCount => Interlocked.Read(ref _completed);

    /// <summary>Completes when the expected number of jobs is done.</summary>
    public Task AllDone => _all.Task;

    public void Expect(long count)
    {
        Interlocked.Exchange(ref _expected, count);
        if (CompletedCount >= count)
        {
            _all.TrySetResult();
        }
    }

    public void Completed()
    {
        if (Interlocked.Increment(ref _completed) >= Interlocked.Read(ref _expected))
        {
            _all.TrySetResult();
        }
    }
}
