using JobGen;

namespace QuickStart;

/// <summary>
/// The demo's retry policy: retry after 200 ms instead of the default's 15 s and more, so the failing-once job
/// finishes within the demo. Production apps keep <see cref="DefaultRetryPolicy"/> (Sidekiq's backoff).
/// </summary>
public sealed class QuickRetryPolicy : IRetryPolicy
{
    public TimeSpan? GetRetryDelay(JobEnvelope envelope, Exception exception) => TimeSpan.FromMilliseconds(200);
}
