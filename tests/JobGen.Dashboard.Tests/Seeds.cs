using JobGen.Storage;

namespace JobGen.Dashboard.Tests;

/// <summary>Puts jobs straight into the storage's sets (as the worker would), so page tests need no running worker.</summary>
public static class Seeds
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static JobEnvelope Envelope(string job, string queue, byte[] arguments, int attempt = 0, int maxAttempts = 5, string? lastError = null) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Job = job,
        Queue = queue,
        Arguments = arguments,
        CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        EnqueuedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        Attempt = attempt,
        MaxAttempts = maxAttempts,
        LastError = lastError,
        Headers = new Dictionary<string, string> { ["tenant"] = "acme" },
    };

    /// <summary>The argument bytes of <c>dash.email</c> (userId, subject), written by the generated request factory.</summary>
    public static byte[] EmailArguments(int userId, string subject) => JobGenDashboardTestsJobs.CreateSendEmailRequest(userId, subject).Arguments.ToArray();

    /// <summary>A dead job: enqueued, leased and killed with a record, exactly as the worker does.</summary>
    public static async Task<JobEnvelope> DeadAsync(IJobStorage storage, string queue, JobEnvelope envelope, DeathReason reason = DeathReason.AttemptsExhausted, string message = "boom")
    {
        await storage.EnqueueAsync(queue, EnvelopeSerializer.Serialize(envelope), Ct);
        // Lease everything waiting to reach ours (at the back), then give the others back to the front in order.
        var fetched = await storage.FetchAsync([queue], 10_000, DateTimeOffset.UtcNow.AddMinutes(1), TimeSpan.Zero, Ct);
        var job = fetched[^1];
        if (fetched.Count > 1)
        {
            await storage.RequeueAsync([.. fetched.Take(fetched.Count - 1)], Ct);
        }

        var record = new DeadJob
        {
            JobId = envelope.Id,
            Job = envelope.Job,
            Queue = queue,
            DiedAt = DateTimeOffset.UtcNow,
            Reason = reason,
            Message = message,
            ExceptionType = "System.InvalidOperationException",
            StackTrace = "   at Tests.Job.Run()\n   at JobGen.Worker.Run()",
            Payload = job.Payload,
        };
        await storage.KillAsync(job, record.Serialize(), DateTimeOffset.UtcNow, DeadSetLimits.Default, Ct);
        return envelope;
    }

    public static async Task<JobEnvelope> ScheduledAsync(IJobStorage storage, string queue, JobEnvelope envelope, TimeSpan inFuture)
    {
        await storage.ScheduleAsync(queue, EnvelopeSerializer.Serialize(envelope), DateTimeOffset.UtcNow + inFuture, Ct);
        return envelope;
    }
}
