namespace JobGen.Runtime.Tests.Support;

/// <summary>A signal that completes after <c>n</c> calls to <see cref="Hit"/>; waiting is bounded.</summary>
public sealed class Countdown(int n)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _left = n;

    public int Left => Volatile.Read(ref _left);

    public void Hit()
    {
        if (Interlocked.Decrement(ref _left) == 0)
        {
            _done.TrySetResult();
        }
    }

    public Task WaitAsync(int seconds = 15) => _done.Task.WaitAsync(TimeSpan.FromSeconds(seconds), TestContext.Current.CancellationToken);
}
