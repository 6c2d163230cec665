using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SampleApp;

namespace JobGen.Aot.Tests;

/// <summary>
/// samples/WebApp, started as its built dll on a free loopback port against a private redis-server, enqueues from
/// HTTP requests; a JobGen worker in this test process runs what it enqueued, so the arguments are checked end to end.
/// </summary>
public sealed class WebAppTests
{
    [Fact]
    public async Task Requests_enqueue_jobs_that_a_worker_runs_with_the_posted_arguments()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var redis = await RedisServer.StartAsync();
        var port = FreePorts.Next();
        var baseUrl = $"http://127.0.0.1:{port}";
        await using var web = ChildProcess.Start("dotnet", [RepositoryPaths.WebAppDll, "--urls", baseUrl, "--redis", redis.Configuration]);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        await WaitUntilServingAsync(http, web);

        var signup = await PostAsync(http, "/signup", """{"userId":42,"email":"ada@example.com","locale":"fr-FR"}""", ct);
        var upload = await PostAsync(http, "/uploads", """{"imageId":"0f8fad5b-d9cb-469f-a165-70867728950e","sizes":[{"width":320,"height":200,"format":"webp"},{"width":64,"height":64,"format":"png"}]}""", ct);
        var runAt = DateTimeOffset.UtcNow.AddSeconds(1).ToString("O");
        var report = await PostAsync(http, "/reports", $$"""{"accountId":7,"kind":"audit","from":"2026-10-01T00:00:00Z","to":"2026-11-01T00:00:00Z","mailTo":"ops@example.com","runAt":"{{runAt}}"}""", ct);
        var webhook = await PostAsync(http, "/webhooks", """{"url":"https://hooks.example.com/in","event":"user.created","body":"{\"id\":42}"}""", ct);
        Assert.Equal(["emails.welcome", "images.thumbnails", "reports.build", "webhooks.deliver"],
            new[] { signup, upload, report, webhook }.Select(r => (string)r["job"]!));
        Assert.Equal(runAt, ((DateTimeOffset)report["runAt"]!).ToString("O"));

        using var rejected = await http.PostAsync("/signup", JsonContent("""{"userId":0,"email":""}"""), ct);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);

        var journal = new RecordingJournal();
        var services = new ServiceCollection();
        services.AddJobGen(o =>
            {
                o.Worker.Queues = ["critical", "default", "reports", "webhooks"];
                o.Worker.PollInterval = TimeSpan.FromMilliseconds(200);
            })
            .UseRedis(redis.Configuration);
        services.AddSampleAppJobs();
        services.AddSingleton<IJobJournal>(journal);
        await using var provider = services.BuildServiceProvider();
        var worker = provider.GetRequiredService<JobWorker>();
        await worker.StartAsync(ct);
        try
        {
            await journal.WaitForAsync(4, TimeSpan.FromSeconds(30));
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        string[] expected =
        [
            $"emails.welcome job={signup["jobId"]} user=42 to=ada@example.com locale=fr-FR key=welcome:42",
            "images.thumbnails image=0f8fad5bd9cb469fa16570867728950e sizes=320x200.webp,64x64.png",
            "reports.build account=7 kind=Audit from=2026-10-01 to=2026-11-01 mailto=ops@example.com",
            $"webhooks.deliver id={webhook["jobId"]} url=https://hooks.example.com/in event=user.created body={{\"id\":42}} headers=Content-Type=application/json",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), journal.Entries.Order(StringComparer.Ordinal));

        // The dashboard is mapped at /jobs and knows the app's jobs from the generated catalog.
        var catalog = await http.GetStringAsync("/jobs/catalog", ct);
        Assert.Contains("emails.welcome", catalog, StringComparison.Ordinal);
        Assert.Contains("webhooks.deliver", catalog, StringComparison.Ordinal);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task<JsonObject> PostAsync(HttpClient http, string path, string json, CancellationToken ct)
    {
        using var response = await http.PostAsync(path, JsonContent(json), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST {path}: {(int)response.StatusCode} {body}");
        var answer = JsonNode.Parse(body)!.AsObject();
        Assert.Matches("^[0-9a-f]{32}$", (string)answer["jobId"]!);
        return answer;
    }

    private static async Task WaitUntilServingAsync(HttpClient http, ChildProcess web)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (web.HasExited)
            {
                Assert.Fail($"the WebApp exited ({web.ExitCode}):{Environment.NewLine}{web.Output}");
            }

            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(50);
        }

        Assert.Fail($"the WebApp did not answer /health within 60 s:{Environment.NewLine}{web.Output}");
    }
}
