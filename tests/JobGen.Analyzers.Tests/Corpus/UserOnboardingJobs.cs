using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Onboarding;

/// <summary>
/// Schedules a new user's onboarding emails. Each follow-up carries an idempotency key derived from the user, and
/// the send times are offsets from the job's creation time, so a retry schedules the same emails at the same times.
/// </summary>
public sealed class UserOnboardingJobs(IJobClient jobs, IUserStore users, IEmailSender email, ILogger<UserOnboardingJobs> logger)
{
    [BackgroundJob("onboarding.start", Queue = "mailers")]
    public async Task StartOnboarding(int userId, JobContext context, CancellationToken cancellationToken)
    {
        foreach (var day in new[] { 1, 3, 7 })
        {
            var options = new EnqueueOptions
            {
                Headers = new Dictionary<string, string> { ["idempotency-key"] = $"onboarding:{userId}:{day}" },
            };
            await jobs.ScheduleSendOnboardingTipAsync(userId, day, context.CreatedAt.AddDays(day), options, cancellationToken).ConfigureAwait(false);
        }

        logger.LogInformation("Onboarding scheduled for user {UserId} (job {JobId}, attempt {Attempt})", userId, context.JobId, context.Attempt);
    }

    [BackgroundJob("onboarding.tip", Queue = "mailers")]
    public async Task SendOnboardingTip(int userId, int day, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            await email.SendAsync(user.Email, $"Day {day}: getting started", $"Tip {day}", $"onboarding-tip:{userId}:{day}", cancellationToken).ConfigureAwait(false);
        }
    }
}
