using JobGen;
using JobGen.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace SampleApp.Tests;

/// <summary>The sample's welcome email, tested with JobGen.Testing.</summary>
public sealed class EmailJobsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signing_up_enqueues_the_welcome_email_on_the_critical_queue()
    {
        await using var jobs = new FakeJobClient();

        await SignUp(jobs, userId: 42, "ada@example.com");

        jobs.AssertEnqueued.SendWelcomeEmail(email: new WelcomeEmail(42, "ada@example.com", "en"), queue: "critical");
        jobs.AssertNotEnqueued.DeliverWebhook();
    }

    [Fact]
    public async Task Draining_sends_the_email_once_through_the_worker_pipeline()
    {
        var journal = new MemoryJournal();
        await using var jobs = new FakeJobClient(services => services.AddSampleAppJobs().AddSingleton<IJobJournal>(journal));

        var id = await SignUp(jobs, userId: 7, "grace@example.com");
        Assert.Empty(journal.Entries);
        await jobs.DrainAsync(Ct);

        var entry = Assert.Single(journal.Entries);
        Assert.StartsWith($"emails.welcome job={id} user=7 to=grace@example.com locale=en", entry, StringComparison.Ordinal);
        jobs.AssertNoFailedRuns();
    }

    [Fact]
    public async Task A_scheduled_report_runs_when_the_fake_clock_reaches_it()
    {
        var journal = new MemoryJournal();
        await using var jobs = new FakeJobClient(services => services.AddSampleAppJobs().AddSingleton<IJobJournal>(journal));
        var request = new ReportRequest(3, ReportKind.Usage, jobs.Clock.GetUtcNow().AddDays(-7), jobs.Clock.GetUtcNow(), "ops@example.com");

        await jobs.ScheduleBuildReportAsync(request, TimeSpan.FromHours(6), cancellationToken: Ct);
        await jobs.DrainAsync(Ct);
        Assert.Empty(journal.Entries);
        jobs.Clock.Advance(TimeSpan.FromHours(6));
        await jobs.DrainAsync(Ct);

        Assert.Single(journal.Entries);
        jobs.AssertEnqueued.BuildReport(request: request, queue: "reports");
    }

    // What a sign-up handler of the app would do.
    private static ValueTask<string> SignUp(IJobClient jobs, int userId, string address) =>
        jobs.EnqueueSendWelcomeEmailAsync(new WelcomeEmail(userId, address, "en"));

    private sealed class MemoryJournal : IJobJournal
    {
        private readonly List<string> _entries = [];

        public IReadOnlyList<string> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public ValueTask WriteAsync(string entry, CancellationToken cancellationToken)
        {
            lock (_entries)
            {
                _entries.Add(entry);
            }

            return ValueTask.CompletedTask;
        }
    }
}
