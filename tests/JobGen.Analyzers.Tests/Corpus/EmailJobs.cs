using System;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;
using MessagePack;

namespace Acme.Email;

public enum EmailTemplate
{
    Welcome,
    Digest,
}

/// <summary>What a digest email needs; small, and nothing that goes stale.</summary>
[MessagePackObject]
public sealed class DigestRequest
{
    [Key(0)] public int UserId { get; set; }
    [Key(1)] public EmailTemplate Template { get; set; }
    [Key(2)] public DateTimeOffset PeriodStart { get; set; }
    [Key(3)] public DateTimeOffset PeriodEnd { get; set; }
}

public sealed class EmailJobs(IEmailSender email, IUserStore users, IPasswordResets resets)
{
    [BackgroundJob("emails.welcome", Queue = "mailers", MaxAttempts = 10)]
    public async Task SendWelcomeEmail(int userId, string locale, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return; // deleted since: nothing to do, and nothing to retry
        }

        var subject = locale == "fr" ? "Bienvenue" : "Welcome";
        await email.SendAsync(user.Email, subject, $"Hello {user.DisplayName}", $"welcome:{userId}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The link is looked up by request id inside the job: the token never sits in the queue.</summary>
    [BackgroundJob("emails.password-reset", Queue = "mailers")]
    public async Task SendPasswordReset(int userId, Guid resetRequestId, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(userId, cancellationToken).ConfigureAwait(false);
        var link = await resets.FindLinkAsync(resetRequestId, cancellationToken).ConfigureAwait(false);
        if (user is null || link is null)
        {
            return;
        }

        await email.SendAsync(user.Email, "Reset your password", link, $"reset:{resetRequestId}", cancellationToken).ConfigureAwait(false);
    }

    [BackgroundJob("emails.digest", Queue = "mailers")]
    public async Task SendDigest(DigestRequest request, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(request.UserId, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            var key = $"digest:{request.UserId}:{request.PeriodEnd:yyyyMMdd}";
            await email.SendAsync(user.Email, "Your week", request.Template.ToString(), key, cancellationToken).ConfigureAwait(false);
        }
    }
}
