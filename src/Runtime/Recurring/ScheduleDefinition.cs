using System.Buffers;
using MessagePack;

namespace JobGen;

/// <summary>
/// What the storage keeps of a schedule beside its name and queue, encoded as a MessagePack map with integer keys and
/// a format version (unknown keys are skipped; a newer format version is refused, and the scheduler skips that
/// schedule with a logged error). <see cref="Declared"/> marks schedules declared in code (attribute or
/// <c>AddRecurring</c>): those are removed a grace period after no running version declares them any more.
/// </summary>
internal sealed record ScheduleDefinition(
    string Cron,
    string TimeZone,
    MissedTicks MissedTicks,
    string Job,
    ReadOnlyMemory<byte> Arguments,
    int MaxAttempts,
    IReadOnlyDictionary<string, string>? Headers,
    bool Declared,
    DateTimeOffset CreatedAt,
    DateTimeOffset DeclaredAt)
{
    private const int FormatVersion = 1;
    private const int KeyVersion = 0, KeyCron = 1, KeyZone = 2, KeyMissed = 3, KeyJob = 4, KeyArgs = 5, KeyMaxAttempts = 6,
        KeyHeaders = 7, KeyDeclared = 8, KeyCreated = 9, KeyDeclaredAt = 10;

    public static ScheduleDefinition From(RecurringSchedule schedule, bool declared, DateTimeOffset now) => new(
        schedule.Cron, schedule.TimeZone, schedule.MissedTicks, schedule.Request.Job, schedule.Request.Arguments.ToArray(),
        schedule.Request.MaxAttempts, schedule.Request.Headers, declared, now, now);

    /// <summary>True when both enqueue the same job on the same ticks (times and the declared flag aside).</summary>
    public bool SameScheduleAs(ScheduleDefinition other) =>
        Cron == other.Cron && TimeZone == other.TimeZone && MissedTicks == other.MissedTicks && Job == other.Job
        && MaxAttempts == other.MaxAttempts && Declared == other.Declared && Arguments.Span.SequenceEqual(other.Arguments.Span)
        && SameHeaders(Headers, other.Headers);

    public byte[] Encode()
    {
        var buffer = new ArrayBufferWriter<byte>(64 + Arguments.Length);
        var w = new MessagePackWriter(buffer);
        w.WriteMapHeader(Headers is { Count: > 0 } ? 11 : 10);
        w.Write(KeyVersion); w.Write(FormatVersion);
        w.Write(KeyCron); w.Write(Cron);
        w.Write(KeyZone); w.Write(TimeZone);
        w.Write(KeyMissed); w.Write((int)MissedTicks);
        w.Write(KeyJob); w.Write(Job);
        w.Write(KeyArgs); w.Write(Arguments.Span);
        w.Write(KeyMaxAttempts); w.Write(MaxAttempts);
        w.Write(KeyDeclared); w.Write(Declared);
        w.Write(KeyCreated); w.Write(CreatedAt.ToUnixTimeMilliseconds());
        w.Write(KeyDeclaredAt); w.Write(DeclaredAt.ToUnixTimeMilliseconds());
        if (Headers is { Count: > 0 } headers)
        {
            w.Write(KeyHeaders);
            w.WriteMapHeader(headers.Count);
            foreach (var pair in headers)
            {
                w.Write(pair.Key);
                w.Write(pair.Value);
            }
        }

        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes, or throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static ScheduleDefinition Decode(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return Read(bytes);
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException or InvalidOperationException or OverflowException)
        {
            throw new FormatException($"the stored definition does not decode: {ex.Message}", ex);
        }
    }

    private static ScheduleDefinition Read(ReadOnlyMemory<byte> bytes)
    {
        var r = new MessagePackReader(bytes);
        int version = 0, missed = 0, maxAttempts = JobDefaults.MaxAttempts;
        string? cron = null, zone = null, job = null;
        ReadOnlyMemory<byte> args = default;
        Dictionary<string, string>? headers = null;
        bool declared = false;
        long created = 0, declaredAt = 0;
        var count = r.ReadMapHeader();
        for (var i = 0; i < count; i++)
        {
            switch (r.ReadInt32())
            {
                case KeyVersion: version = r.ReadInt32(); break;
                case KeyCron: cron = r.ReadString(); break;
                case KeyZone: zone = r.ReadString(); break;
                case KeyMissed: missed = r.ReadInt32(); break;
                case KeyJob: job = r.ReadString(); break;
                case KeyArgs: args = r.ReadBytes() is { } seq ? seq.ToArray() : default; break;
                case KeyMaxAttempts: maxAttempts = r.ReadInt32(); break;
                case KeyDeclared: declared = r.ReadBoolean(); break;
                case KeyCreated: created = r.ReadInt64(); break;
                case KeyDeclaredAt: declaredAt = r.ReadInt64(); break;
                case KeyHeaders:
                    var n = r.ReadMapHeader();
                    headers = new Dictionary<string, string>(n, StringComparer.Ordinal);
                    for (var h = 0; h < n; h++)
                    {
                        headers[r.ReadString()!] = r.ReadString()!;
                    }

                    break;
                default: r.Skip(); break;
            }
        }

        if (version != FormatVersion)
        {
            throw new FormatException($"format version {version} is not {FormatVersion} (written by another version of JobGen)");
        }

        if (cron is null || job is null || !Enum.IsDefined((MissedTicks)missed))
        {
            throw new FormatException("the cron expression, the job or the missed-ticks policy is missing or unknown");
        }

        return new ScheduleDefinition(cron, zone ?? RecurringOptions.DefaultTimeZone, (MissedTicks)missed, job, args, maxAttempts, headers,
            declared, DateTimeOffset.FromUnixTimeMilliseconds(created), DateTimeOffset.FromUnixTimeMilliseconds(declaredAt));
    }

    private static bool SameHeaders(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }

        foreach (var pair in a ?? new Dictionary<string, string>())
        {
            if (!b!.TryGetValue(pair.Key, out var value) || value != pair.Value)
            {
                return false;
            }
        }

        return true;
    }
}
