using System.Globalization;

namespace JobGen;

/// <summary>
/// The job a tick enqueues: an envelope of kind <see cref="JobKind.Recurring"/> with the schedule's name and the tick
/// time in the reserved <see cref="RecurringHeaders"/>, so the job can use the tick instead of reading the clock.
/// Client middleware does not run for ticks (there is no caller whose context it could carry).
/// </summary>
internal static class TickPayload
{
    public static byte[] Encode(string id, string schedule, string queue, ScheduleDefinition definition, DateTimeOffset tick, DateTimeOffset now, EnvelopeSigner? signer)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (definition.Headers is not null)
        {
            foreach (var pair in definition.Headers)
            {
                headers[pair.Key] = pair.Value;
            }
        }

        headers[RecurringHeaders.Schedule] = schedule;
        headers[RecurringHeaders.Tick] = FormatTick(tick);
        return EnvelopeSerializer.Encode(new JobEnvelope
        {
            Id = id,
            Job = definition.Job,
            Kind = JobKind.Recurring,
            Queue = queue,
            Arguments = definition.Arguments,
            CreatedAt = now,
            EnqueuedAt = now,
            MaxAttempts = definition.MaxAttempts,
            Headers = headers,
        }, signer).ToArray();
    }

    public static string FormatTick(DateTimeOffset tick) => tick.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTick(string? text) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var tick) ? tick : null;
}
