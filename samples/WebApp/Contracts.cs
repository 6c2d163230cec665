using System.Text.Json;
using System.Text.Json.Serialization;
using SampleApp;

namespace SampleWebApp;

/// <summary>POST /signup: a new user, welcomed by email.</summary>
public sealed record SignupRequest(int UserId, string Email, string? Locale);

/// <summary>POST /uploads: an uploaded image and the thumbnails it needs.</summary>
public sealed record UploadRequest(Guid ImageId, List<ThumbnailSize> Sizes);

/// <summary>POST /reports: a report, built at <see cref="RunAt"/> (default: the next full hour).</summary>
public sealed record ReportOrder(int AccountId, ReportKind Kind, DateTimeOffset From, DateTimeOffset To, string? MailTo, DateTimeOffset? RunAt);

/// <summary>POST /webhooks: an event to deliver to a customer's endpoint.</summary>
public sealed record WebhookOrder(string Url, string Event, string Body);

/// <summary>What every enqueue endpoint answers: the enqueued job's id and when it runs.</summary>
public sealed record EnqueuedJob(string JobId, string Job, DateTimeOffset? RunAt);

/// <summary>A 400 answer.</summary>
public sealed record ErrorResponse(string Error);

/// <summary>Every type the API reads or writes, serialized by generated code (no reflection, AOT-safe).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SignupRequest))]
[JsonSerializable(typeof(UploadRequest))]
[JsonSerializable(typeof(ReportOrder))]
[JsonSerializable(typeof(WebhookOrder))]
[JsonSerializable(typeof(EnqueuedJob))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class WebAppJsonContext : JsonSerializerContext;
