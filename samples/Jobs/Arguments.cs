using MessagePack;

namespace SampleApp;

// Job arguments are records with integer keys: JobGen's generator writes their MessagePack formatters at build
// time, so nothing is discovered by reflection when a worker reads them. Keys are the wire format: add new
// members with new keys, never renumber.

/// <summary>Who to welcome, and in which language.</summary>
[MessagePackObject]
public sealed record WelcomeEmail(
    [property: Key(0)] int UserId,
    [property: Key(1)] string Address,
    [property: Key(2)] string Locale);

/// <summary>One thumbnail to render.</summary>
[MessagePackObject]
public readonly record struct ThumbnailSize(
    [property: Key(0)] int Width,
    [property: Key(1)] int Height,
    [property: Key(2)] ImageFormat Format);

/// <summary>Output formats of a thumbnail.</summary>
public enum ImageFormat
{
    Jpeg = 0,
    Png = 1,
    Webp = 2,
}

/// <summary>A report over a period, mailed when ready.</summary>
[MessagePackObject]
public sealed record ReportRequest(
    [property: Key(0)] int AccountId,
    [property: Key(1)] ReportKind Kind,
    [property: Key(2)] DateTimeOffset From,
    [property: Key(3)] DateTimeOffset To,
    [property: Key(4)] string? MailTo);

/// <summary>What a report covers.</summary>
public enum ReportKind
{
    Usage = 0,
    Billing = 1,
    Audit = 2,
}

/// <summary>One event to POST to a customer's endpoint.</summary>
[MessagePackObject]
public sealed record WebhookDelivery(
    [property: Key(0)] string Url,
    [property: Key(1)] string Event,
    [property: Key(2)] byte[] Body,
    [property: Key(3)] Dictionary<string, string> Headers);
