using System.Text;
using JobGen;
using SampleApp;

namespace SampleWebApp;

/// <summary>Requests that enqueue background work and answer at once with the job's id (202 Accepted).</summary>
public static class JobEndpoints
{
    /// <summary>Maps POST /signup, /uploads, /reports and /webhooks.</summary>
    public static void MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/signup", SignupAsync);
        app.MapPost("/uploads", UploadAsync);
        app.MapPost("/reports", OrderReportAsync);
        app.MapPost("/webhooks", DeliverWebhookAsync);
    }

    private static async Task<IResult> SignupAsync(SignupRequest request, IJobClient jobs, CancellationToken ct)
    {
        if (request.UserId <= 0 || string.IsNullOrWhiteSpace(request.Email))
        {
            return Results.BadRequest(new ErrorResponse("userId and email are required"));
        }

        var id = await jobs.EnqueueSendWelcomeEmailAsync(new WelcomeEmail(request.UserId, request.Email, request.Locale ?? "en"), cancellationToken: ct);
        return Accepted(id, "emails.welcome", null);
    }

    private static async Task<IResult> UploadAsync(UploadRequest request, IJobClient jobs, CancellationToken ct)
    {
        if (request.Sizes is not { Count: > 0 } || request.Sizes.Exists(s => s.Width <= 0 || s.Height <= 0))
        {
            return Results.BadRequest(new ErrorResponse("sizes must list at least one thumbnail with a positive width and height"));
        }

        var imageId = request.ImageId == Guid.Empty ? Guid.CreateVersion7() : request.ImageId;
        var id = await jobs.EnqueueMakeThumbnailsAsync(imageId, request.Sizes, cancellationToken: ct);
        return Accepted(id, "images.thumbnails", null);
    }

    private static async Task<IResult> OrderReportAsync(ReportOrder order, IJobClient jobs, TimeProvider time, CancellationToken ct)
    {
        if (order.AccountId <= 0 || order.To <= order.From)
        {
            return Results.BadRequest(new ErrorResponse("accountId is required and 'to' must be after 'from'"));
        }

        // Reports run later, by default at the next full hour when the database is quiet.
        var now = time.GetUtcNow();
        var runAt = order.RunAt ?? new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        var id = await jobs.ScheduleBuildReportAsync(new ReportRequest(order.AccountId, order.Kind, order.From, order.To, order.MailTo), runAt, cancellationToken: ct);
        return Accepted(id, "reports.build", runAt);
    }

    private static async Task<IResult> DeliverWebhookAsync(WebhookOrder order, IJobClient jobs, CancellationToken ct)
    {
        if (!Uri.TryCreate(order.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            return Results.BadRequest(new ErrorResponse("url must be an absolute https URL"));
        }

        var delivery = new WebhookDelivery(order.Url, order.Event, Encoding.UTF8.GetBytes(order.Body), new() { ["Content-Type"] = "application/json" });
        var id = await jobs.EnqueueDeliverWebhookAsync(delivery, cancellationToken: ct);
        return Accepted(id, "webhooks.deliver", null);
    }

    private static IResult Accepted(string jobId, string job, DateTimeOffset? runAt) =>
        Results.Accepted($"/jobs/{jobId}", new EnqueuedJob(jobId, job, runAt));
}
