using System.Net;
using JobGen.Storage;
using JobGen.Storage.Redis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JobGen.Dashboard.Tests;

/// <summary>
/// A real ASP.NET Core app on Kestrel (127.0.0.1, free port) with JobGen on a real redis-server (own key prefix) and
/// the dashboard at /jobs. The app honours X-Forwarded-For from its loopback client, as an app behind a reverse proxy
/// does: that is how a test makes a request that the app sees as coming from another address.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Http = NewClient();
    }

    /// <summary>"http://127.0.0.1:PORT".</summary>
    public string BaseUrl { get; }

    /// <summary>A client with cookies (antiforgery) and no automatic redirects.</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public IJobStorage Storage => _app.Services.GetRequiredService<IJobStorage>();

    public IJobClient Client => _app.Services.GetRequiredService<IJobClient>();

    public JobMonitor Monitor => _app.Services.GetRequiredService<JobMonitor>();

    public JobLedger Ledger => _app.Services.GetRequiredService<JobLedger>();

    public static async Task<DashboardHost> StartAsync(
        RedisFixture redis,
        bool worker = false,
        Action<DashboardOptions>? dashboard = null,
        Action<WebApplication, IEndpointConventionBuilder>? afterMap = null,
        Action<IServiceCollection>? services = null,
        string? prefix = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var keyPrefix = prefix ?? "dash-" + Guid.NewGuid().ToString("N")[..10];
        builder.Services.AddJobGen(o =>
        {
            o.Worker.Enabled = worker;
            o.Worker.Queues = ["mail", "reports"];
            o.Worker.Concurrency = 4;
            o.Worker.PollInterval = TimeSpan.FromMilliseconds(200);
            o.Worker.FetchWait = TimeSpan.FromMilliseconds(200);
            o.Worker.HeartbeatInterval = TimeSpan.FromMilliseconds(300);
            o.Worker.StatsFlushInterval = TimeSpan.FromMilliseconds(200);
            o.Worker.ShutdownTimeout = TimeSpan.FromSeconds(5);
        }).UseRedis(redis.Server.Configuration, o => o.KeyPrefix = keyPrefix);
        builder.Services.AddSingleton<JobLedger>().AddJobGenDashboardTestsJobs();
        builder.Services.AddJobGenDashboard(o =>
        {
            o.LivePollInterval = TimeSpan.FromMilliseconds(500);
            o.PageSize = 10;
            dashboard?.Invoke(o);
        });
        services?.Invoke(builder.Services);

        var app = builder.Build();
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
        app.UseForwardedHeaders(forwarded); // trusts loopback proxies only: the test client
        var mapped = app.MapJobGenDashboard("/jobs");
        afterMap?.Invoke(app, mapped);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var url = app.Urls.First().TrimEnd('/');
        return new DashboardHost(app, url);
    }

    public HttpClient NewClient() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })
    {
        BaseAddress = new Uri(BaseUrl),
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
