namespace JobGen;

/// <summary>
/// Sidekiq's backoff: with <c>n</c> the number of retries already made (0 after the first failure), the next
/// attempt waits <c>n^4 + 15</c> seconds plus a random jitter of 0 to <c>10 * (n + 1)</c> seconds, so a burst
/// of failures does not come back all at once. How long 25 attempts last: docs/retries.md, "How long the retries last".
/// </summary>
public sealed class DefaultRetryPolicy : IRetryPolicy
{
    /// <summary>The shared instance.</summary>
    public static DefaultRetryPolicy Instance { get; } = new();

    /// <summary>The smallest delay after <paramref name="retriesMade"/> retries (no jitter).</summary>
    public static TimeSpan BaseDelay(int retriesMade) => TimeSpan.FromSeconds(Math.Pow(retriesMade, 4) + 15);

    /// <summary>The largest jitter added after <paramref name="retriesMade"/> retries.</summary>
    public static TimeSpan MaxJitter(int retriesMade) => TimeSpan.FromSeconds(10.0 * (retriesMade + 1));

    /// <inheritdoc />
    public TimeSpan? GetRetryDelay(JobEnvelope envelope, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var n = envelope.Attempt;
        return BaseDelay(n) + (MaxJitter(n) * Random.Shared.NextDouble());
    }
}
