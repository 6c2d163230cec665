using System.Globalization;

namespace JobGen.Storage.PostgreSql;

/// <summary>
/// The priority of a job enqueued through the storage contract (the DI client, bulk enqueue, schedule): its envelope's
/// <c>priority</c> header, which <c>[BackgroundJob(Priority = n)]</c> and per-call headers set; 0 when there is none or
/// it is not an integer. Most payloads carry no such header: a byte search skips their decode.
/// </summary>
internal static class PostgreSqlPriority
{
    public static int Of(ReadOnlyMemory<byte> payload)
    {
        if (payload.Span.IndexOf("priority"u8) < 0)
        {
            return 0;
        }

        try
        {
            return EnvelopeSerializer.Deserialize(payload).Headers.TryGetValue(PostgreSqlJobClient.PriorityHeader, out var text)
                && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var priority) ? priority : 0;
        }
        catch (JobPayloadException)
        {
            return 0; // stored as it is: the worker sends an undecodable payload to the dead set
        }
    }
}
