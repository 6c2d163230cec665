namespace JobGen;

/// <summary>
/// Decides when a failed job runs again. Register your own in DI to replace <see cref="DefaultRetryPolicy"/>.
/// The worker asks only while the job has attempts left (<see cref="JobEnvelope.MaxAttempts"/>).
/// </summary>
public interface IRetryPolicy
{
    /// <summary>
    /// The delay before the next attempt of <paramref name="envelope"/>, which just failed its run number
    /// <c>envelope.Attempt + 1</c> with <paramref name="exception"/>; null sends the job to the dead set now
    /// (reason <see cref="JobGen.Storage.DeathReason.Discarded"/>).
    /// </summary>
    TimeSpan? GetRetryDelay(JobEnvelope envelope, Exception exception);
}
