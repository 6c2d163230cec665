using JobGen;

namespace SampleApp;

/// <summary>Transactional email. Constructed per run with its services from DI.</summary>
public sealed class EmailJobs(IJobJournal journal)
{
    /// <summary>Sends the welcome email after a sign-up. On the critical queue: users wait for it.</summary>
    [BackgroundJob("emails.welcome", Queue = "critical", MaxAttempts = 10)]
    public async Task SendWelcomeEmail(WelcomeEmail email, JobContext context, CancellationToken cancellationToken)
    {
        // A real sender passes an idempotency key so that a retry after a crash does not send twice.
        var idempotencyKey = $"welcome:{email.UserId}";
        await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
        await journal.WriteAsync(
            $"emails.welcome job={context.JobId} user={email.UserId} to={email.Address} locale={email.Locale} key={idempotencyKey}",
            cancellationToken).ConfigureAwait(false);
    }
}
