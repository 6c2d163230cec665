using JobGen.Storage;
using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using JobGen.Dashboard.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static JobGen.Dashboard.Tests.DashboardPages;

namespace JobGen.Dashboard.Tests;

/// <summary>The security model: loopback-only without a policy, policies, read-only, antiforgery.</summary>
public sealed class SecurityTests(RedisFixture redis)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_policy_a_request_from_another_address_gets_403_saying_how_to_add_one()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        using var remote = new HttpRequestMessage(HttpMethod.Get, "/jobs");
        remote.Headers.Add("X-Forwarded-For", "203.0.113.9"); // as a reverse proxy in front of the app would send it

        var response = await host.Http.SendAsync(remote, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("RequireAuthorization(\"ops\")", body, StringComparison.Ordinal);
        Assert.DoesNotContain("mail", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/jobs", Ct)).StatusCode); // loopback itself is served
    }

    [Fact]
    public async Task With_a_policy_the_policy_decides_for_every_address()
    {
        await using var host = await DashboardHost.StartAsync(
            redis,
            services: s =>
            {
                s.AddAuthentication("header").AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>("header", null);
                s.AddAuthorization(o => o.AddPolicy("ops", p => p.RequireRole("ops")));
            },
            afterMap: (_, mapped) => mapped.RequireAuthorization("ops"));

        async Task<HttpStatusCode> GetAsync(string? role)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/jobs/queues");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            if (role is not null)
            {
                request.Headers.Add("X-Test-Role", role);
            }

            return (await host.Http.SendAsync(request, Ct)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await GetAsync("ops"));
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync("sales"));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(null));
    }

    [Theory]
    [InlineData("127.0.0.1", false, true)]
    [InlineData("127.0.0.2", false, true)]
    [InlineData("::1", false, true)]
    [InlineData("::ffff:127.0.0.1", false, true)]
    [InlineData("10.1.2.3", false, false)]
    [InlineData("::ffff:10.1.2.3", false, false)]
    [InlineData("10.1.2.3", true, true)]
    public void The_guard_lets_loopback_through_and_others_only_behind_a_policy(string address, bool policy, bool allowed)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        var metadata = policy ? new EndpointMetadataCollection(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute("ops")) : EndpointMetadataCollection.Empty;
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, metadata, "dashboard"));

        Assert.Equal(allowed, AccessGuard.Allows(context, new DashboardOptions()));
    }

    [Fact]
    public async Task A_post_without_a_valid_token_is_refused_and_changes_nothing()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        var dead = await Seeds.DeadAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", Seeds.EmailArguments(1, "x")));

        var noToken = await PostAsync(host.Http, "/jobs/actions/pause", ("queue", "mail"));
        var forged = await PostAsync(host.Http, "/jobs/actions/dead", ("__RequestVerificationToken", "CfDJ8forged"), ("queue", "mail"), ("row", "run|" + dead.Id));
        var (_, page, _) = await GetAsync(host.Http, "/jobs/queue?name=mail");
        using var otherBrowser = host.NewClient(); // a token from one browser does not work with another's cookie
        var stolen = await PostAsync(otherBrowser, "/jobs/actions/pause", ("__RequestVerificationToken", Token(page)), ("queue", "mail"));

        foreach (var response in new[] { noToken, forged, stolen })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("nothing was changed", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Empty(await host.Monitor.GetPausedQueuesAsync(Ct));
        Assert.Equal(1L, (await host.Monitor.GetQueueAsync("mail", Ct)).Dead);
    }

    [Fact]
    public async Task Read_only_hides_every_action_and_refuses_its_post()
    {
        await using var host = await DashboardHost.StartAsync(redis, dashboard: o => o.ReadOnly = true);
        await host.Storage.HeartbeatAsync(new ProcessInfo("w1", "host-a", 42, ["mail"], 4, 1, DateTimeOffset.UtcNow, "1.0"), TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow, Ct);
        var dead = await Seeds.DeadAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", Seeds.EmailArguments(1, "x")));
        await Seeds.ScheduledAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", Seeds.EmailArguments(1, "y")), TimeSpan.FromHours(1));

        Assert.Contains("host-a", (await GetAsync(host.Http, "/jobs/busy")).Body, StringComparison.Ordinal);
        foreach (var path in new[] { "/jobs", "/jobs/queue?name=mail", "/jobs/dead?queue=mail", "/jobs/scheduled?queue=mail", "/jobs/busy", $"/jobs/job?queue=mail&id={dead.Id}" })
        {
            var (status, body, _) = await GetAsync(host.Http, path);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain("method=\"post\"", body, StringComparison.Ordinal);
            Assert.Contains("read-only", body, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(host.Http, "/jobs/queue/clear?name=mail")).Status);
        var post = await PostAsync(host.Http, "/jobs/actions/dead", ("queue", "mail"), ("row", "run|" + dead.Id));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(1L, (await host.Monitor.GetQueueAsync("mail", Ct)).Dead);
    }

    [Fact]
    public async Task Mapping_without_AddJobGenDashboard_fails_at_start_up_with_the_fix()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddJobGen();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapJobGenDashboard("/jobs"));
        Assert.Contains("AddJobGenDashboard", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Authenticates from an X-Test-Role header: enough to let a real authorization policy decide.</summary>
    private sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (Request.Headers["X-Test-Role"] is not { Count: 1 } role)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "tester"), new Claim(ClaimTypes.Role, role[0]!)], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
