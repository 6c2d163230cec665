using JobGen;
using MessagePack;

namespace QuickStart.Jobs;

/// <summary>
/// What to send to a new user: a record argument, encoded by the generated formatter (integer keys). It carries the
/// user's id and the few fields the email needs, not the user entity (JG0006 flags whole entities).
/// </summary>
[MessagePackObject]
public sealed record WelcomeEmail([property: Key(0)] int UserId, [property: Key(1)] string Email, [property: Key(2)] string Locale);

/// <summary>Sends welcome emails. Constructed per job with its services from DI by the generated dispatcher.</summary>
public sealed class WelcomeJobs(IEmailSender email, DemoCounters counters)
{
    /// <summary>Greets one user; the idempotency key makes a repeated run harmless.</summary>
    [BackgroundJob("emails.welcome", Queue = "mailers", MaxAttempts = 10)]
    public async Task SendWelcomeEmail(WelcomeEmail message, CancellationToken cancellationToken)
    {
        var subject = message.Locale == "fr" ? "Bienvenue !" : "Welcome!";
        await email.SendAsync(message.Email, subject, idempotencyKey: $"welcome:{message.UserId}", cancellationToken);
        counters.Completed();
    }
}

/// <summary>Sends mail (the demo's sender only counts).</summary>
public interface IEmailSender
{
    ValueTask SendAsync(string to, string subject, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>An in-process stand-in for an SMTP client.</summary>
public sealed class CountingEmailSender : IEmailSender
{
    private long _sent;

    public long Sent => Interlocked.Read(ref _sent);

    public ValueTask SendAsync(string to, string subject, string idempotencyKey, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        return ValueTask.CompletedTask;
    }
}
