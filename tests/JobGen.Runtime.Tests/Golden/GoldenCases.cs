using JobGen.Storage;

namespace JobGen.Runtime.Tests.Golden;

/// <summary>
/// The values behind the checked-in golden payloads (Golden/*.bin). The files were written once by the envelope and
/// dead-job writers of format version 1; these definitions say what each file must decode to. Changing a value here
/// without a new file breaks the decoding test on purpose: a payload already in a queue never changes.
/// </summary>
internal static class GoldenCases
{
    public const string Id = "0190a1b2c3d4e5f60718293a4b5c6d7e";
    public const long Ms = 1_764_331_200_123; // 2025-11-28 12:00:00.123 UTC

    public static IReadOnlyDictionary<string, JobEnvelope> Envelopes { get; } = new Dictionary<string, JobEnvelope>(StringComparer.Ordinal)
    {
        // The enqueue fast path's shape: fixstr names, no error, no headers, small integers.
        ["envelope-minimal"] = Envelope("j", "q", args: 0, created: 0, enqueued: 0, attempt: 0, max: 1),
        ["envelope-every-field"] = Envelope(
            "emails.welcome", "mailers", args: 12, created: Ms, enqueued: Ms + 60_000, attempt: 3, max: 25,
            kind: JobKind.Recurring, lastError: "System.InvalidOperationException: boom",
            headers: new() { ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", ["tenant"] = "é", ["empty"] = "" }),

        // Each field just inside and just past every MessagePack size class it can take.
        ["envelope-fixstr-max"] = Envelope(new string('j', 31), new string('q', 31), args: 255, created: 127, enqueued: -1, attempt: 127, max: 127,
            lastError: new string('e', 31), headers: Headers(15)),
        ["envelope-str8"] = Envelope(new string('j', 32), new string('q', 255), args: 256, created: 128, enqueued: -32, attempt: 128, max: 255,
            lastError: new string('e', 32), headers: Headers(16)),
        ["envelope-str16"] = Envelope(new string('j', 256), new string('q', 65_535), args: 65_535, created: 255, enqueued: -33, attempt: 255, max: 256,
            lastError: new string('e', 256)),
        ["envelope-str32"] = Envelope("jöb.漢字", "q", args: 65_536, created: 256, enqueued: -128, attempt: 256, max: 65_535,
            lastError: new string('e', 65_536)),
        ["envelope-uint16-int16"] = Envelope("j", "q", args: 3, created: 65_535, enqueued: -129, attempt: 65_535, max: 65_536),
        ["envelope-uint32-int32"] = Envelope("j", "q", args: 3, created: 65_536, enqueued: -32_768, attempt: 65_536, max: int.MaxValue),
        ["envelope-uint32-max"] = Envelope("j", "q", args: 3, created: 4_294_967_295, enqueued: -32_769, attempt: int.MaxValue, max: 4),
        ["envelope-int64"] = Envelope("j", "q", args: 3, created: 4_294_967_296, enqueued: -3_000_000_000, attempt: 1, max: 2),
        ["envelope-time-range"] = Envelope("j", "q", args: 3, created: -62_135_596_800_000, enqueued: 253_402_300_799_999, attempt: 0, max: 25),
        ["envelope-unicode"] = Envelope("emails.😀", "é-ü-漢字", args: 1, created: Ms, enqueued: Ms, attempt: 0, max: 25,
            lastError: "Ошибка: 失敗 😀", headers: new() { ["ключ"] = "値", ["😀"] = new string('ü', 200) }, id: "id-éü-31-characters-long-0123"),
        ["envelope-large-headers"] = Envelope("j", "q", args: 3, created: Ms, enqueued: Ms, attempt: 0, max: 25, headers: Headers(300)),
    };

    public static IReadOnlyDictionary<string, DeadJob> DeadJobs { get; } = new Dictionary<string, DeadJob>(StringComparer.Ordinal)
    {
        ["dead-every-field"] = new DeadJob
        {
            JobId = Id,
            Job = "emails.welcome",
            Queue = "mailers",
            DiedAt = DateTimeOffset.FromUnixTimeMilliseconds(Ms),
            Reason = DeathReason.AttemptsExhausted,
            Message = "Failed 25 times.",
            ExceptionType = "System.InvalidOperationException",
            StackTrace = "   at Jobs.Welcome() in Jobs.cs:line 12\n   at 漢字",
            Payload = Bytes(300),
        },
        ["dead-undecodable"] = new DeadJob
        {
            JobId = "raw-5f2c",
            Job = null,
            Queue = "q",
            DiedAt = DateTimeOffset.FromUnixTimeMilliseconds(0),
            Reason = DeathReason.UndecodableEnvelope,
            Message = "The envelope is empty.",
            ExceptionType = null,
            StackTrace = null,
            Payload = ReadOnlyMemory<byte>.Empty,
        },
        ["dead-large"] = new DeadJob
        {
            JobId = new string('i', 40),
            Job = new string('j', 256),
            Queue = new string('q', 255),
            DiedAt = DateTimeOffset.FromUnixTimeMilliseconds(253_402_300_799_999),
            Reason = DeathReason.Discarded,
            Message = new string('m', 65_536),
            ExceptionType = new string('t', 32),
            StackTrace = new string('s', 70_000),
            Payload = Bytes(65_536),
        },
        ["dead-unknown-job"] = new DeadJob
        {
            JobId = "x",
            Job = "gone.job",
            Queue = "default",
            DiedAt = DateTimeOffset.FromUnixTimeMilliseconds(-1),
            Reason = DeathReason.UnknownJob,
            Message = "No job 'gone.job'.",
            Payload = Bytes(255),
        },
        ["dead-bad-arguments"] = new DeadJob
        {
            JobId = "y",
            Job = "j",
            Queue = "q",
            DiedAt = DateTimeOffset.FromUnixTimeMilliseconds(4_294_967_296),
            Reason = DeathReason.BadArguments,
            Message = "m",
            Payload = Bytes(256),
        },
        ["dead-too-large"] = new DeadJob
        {
            JobId = "z",
            Job = "j",
            Queue = "q",
            DiedAt = DateTimeOffset.FromUnixTimeMilliseconds(Ms),
            Reason = DeathReason.PayloadTooLarge,
            Message = "m",
            Payload = Bytes(1),
        },
    };

    /// <summary>Argument bytes of the given length in a recognisable pattern.</summary>
    public static byte[] Bytes(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 7))];

    public static Dictionary<string, string> Headers(int count) =>
        Enumerable.Range(0, count).ToDictionary(i => "h" + i, i => i % 2 == 0 ? "v" + i : "ü" + new string('x', i % 40), StringComparer.Ordinal);

    private static JobEnvelope Envelope(
        string job, string queue, int args, long created, long enqueued, int attempt, int max,
        JobKind kind = JobKind.Once, string? lastError = null, Dictionary<string, string>? headers = null, string id = Id) => new()
        {
            Id = id,
            Job = job,
            Kind = kind,
            Queue = queue,
            Arguments = Bytes(args),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(created),
            EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(enqueued),
            Attempt = attempt,
            MaxAttempts = max,
            LastError = lastError,
            Headers = headers ?? new Dictionary<string, string>(StringComparer.Ordinal),
        };
}
