using JobGen;
using JobGen.Dashboard;
using JobGen.Dashboard.Arguments;
using JobGen.Dashboard.Http;
using JobGen.Dashboard.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the JobGen dashboard.</summary>
public static class DashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the dashboard's pages, actions and assets under <paramref name="pattern"/> ("/jobs"). Returns the group's
    /// convention builder, so <c>.RequireAuthorization("ops")</c> protects all of it. Without an authorization policy
    /// the dashboard answers only loopback requests (403 for others). Needs <c>AddJobGenDashboard</c> and <c>AddJobGen</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapJobGenDashboard(this IEndpointRouteBuilder endpoints, string pattern = "/jobs")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        var services = endpoints.ServiceProvider;
        if (services.GetService<DashboardMarker>() is null)
        {
            throw new InvalidOperationException("Call builder.Services.AddJobGenDashboard() before app.MapJobGenDashboard(...).");
        }

        var monitor = services.GetService<JobMonitor>()
            ?? throw new InvalidOperationException("The dashboard reads JobGen's operator API: call builder.Services.AddJobGen(...) first.");
        var prefix = "/" + pattern.Trim('/');
        var app = new DashboardApp(
            prefix == "/" ? string.Empty : prefix,
            services.GetRequiredService<IOptions<DashboardOptions>>().Value,
            monitor,
            services.GetRequiredService<RecurringJobClient>(),
            new Dictionary<string, string>(services.GetService<IOptions<JobGenOptions>>()?.Value.Worker.QueueWindows ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            new JobCatalog(services.GetServices<IJobDispatcher>()),
            services.GetRequiredService<IAntiforgery>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System);

        var group = endpoints.MapGroup(prefix);
        group.MapGet("/", Page(app, OverviewPage.RenderAsync));
        group.MapGet("/api/stats", Page(app, OverviewPage.StatsAsync));
        group.MapGet("/queues", Page(app, QueuesPage.ListAsync));
        group.MapGet("/queue", Page(app, QueuesPage.DetailAsync));
        group.MapGet("/queue/clear", Page(app, QueuesPage.ConfirmClearAsync));
        group.MapGet("/busy", Page(app, BusyPage.RenderAsync));
        group.MapGet("/scheduled", Page(app, r => JobListPage.RenderAsync(r, JobList.Scheduled)));
        group.MapGet("/retries", Page(app, r => JobListPage.RenderAsync(r, JobList.Retries)));
        group.MapGet("/dead", Page(app, r => JobListPage.RenderAsync(r, JobList.Dead)));
        group.MapGet("/job", Page(app, JobPage.RenderAsync));
        group.MapGet("/catalog", Page(app, CatalogPage.RenderAsync));
        group.MapGet("/recurring", Page(app, RecurringPage.RenderAsync));
        group.MapGet("/assets/dashboard.css", Page(app, r => app.Assets.ServeCssAsync(r.Http)));
        group.MapGet("/assets/dashboard.js", Page(app, r => app.Assets.ServeJsAsync(r.Http)));

        group.MapPost("/actions/pause", Action(app, ActionHandlers.PauseAsync));
        group.MapPost("/actions/resume", Action(app, ActionHandlers.ResumeAsync));
        group.MapPost("/actions/clear", Action(app, ActionHandlers.ClearAsync));
        group.MapPost("/actions/process", Action(app, ActionHandlers.SignalAsync));
        group.MapPost("/actions/scheduled", Action(app, (r, f) => ActionHandlers.ListAsync(r, f, JobList.Scheduled)));
        group.MapPost("/actions/retries", Action(app, (r, f) => ActionHandlers.ListAsync(r, f, JobList.Retries)));
        group.MapPost("/actions/dead", Action(app, (r, f) => ActionHandlers.ListAsync(r, f, JobList.Dead)));
        group.MapPost("/actions/recurring", Action(app, RecurringPage.ActAsync));
        return group;
    }

    // Every endpoint: security headers, the loopback rule, bad input as a 4xx page.
    private static RequestDelegate Page(DashboardApp app, Func<DashboardRequest, Task> handler) => async context =>
    {
        SecurityHeaders.Apply(context.Response);
        if (!AccessGuard.Allows(context, app.Options))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(
                "The JobGen dashboard answers only requests from this machine (loopback) until an authorization policy protects it.\n" +
                "Add one where it is mapped, for example:\n\n" +
                "    builder.Services.AddAuthorization(o => o.AddPolicy(\"ops\", p => p.RequireRole(\"ops\")));\n" +
                "    app.MapJobGenDashboard(\"/jobs\").RequireAuthorization(\"ops\");\n\n" +
                "See docs/dashboard.md (security model).\n",
                context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var request = new DashboardRequest(context, app);
        try
        {
            await handler(request).ConfigureAwait(false);
        }
        catch (DashboardInputException ex) when (!context.Response.HasStarted)
        {
            var heading = ex.Status switch { 403 => "Not allowed", 404 => "Not found", 409 => "Already changed", _ => "Bad request" };
            await request.WriteProblemAsync(ex.Status, heading, ex.Message).ConfigureAwait(false);
        }
    };

    // Actions: read-only refuses them, antiforgery must validate, then the form is read by hand.
    private static RequestDelegate Action(DashboardApp app, Func<DashboardRequest, IFormCollection, Task> handler) => Page(app, async request =>
    {
        if (app.Options.ReadOnly)
        {
            throw new DashboardInputException(403, "This dashboard is read-only: its actions are turned off.");
        }

        bool valid;
        try
        {
            valid = await app.Antiforgery.IsRequestValidAsync(request.Http).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            valid = false;
        }

        if (!valid || !request.Http.Request.HasFormContentType)
        {
            throw new DashboardInputException(400, "This form has expired or did not come from this dashboard, so nothing was changed. Reload the page and try again.");
        }

        var form = await request.Http.Request.ReadFormAsync(request.Aborted).ConfigureAwait(false);
        await handler(request, form).ConfigureAwait(false);
    });
}
