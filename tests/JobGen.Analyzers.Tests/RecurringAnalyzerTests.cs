using JobGen.Analyzers.Tests.Infrastructure;
using JobGen.Generator.Parsing;
using Verify = JobGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<JobGen.Analyzers.RecurringAnalyzer>;

namespace JobGen.Analyzers.Tests;

/// <summary>JG0012 (cron), JG0013 (time zone), JG0014 (required arguments) on [Recurring] jobs.</summary>
public sealed class RecurringAnalyzerTests
{
    private const string Usings = """
        using System.Threading;
        using JobGen;

        """;

    [Fact]
    public Task Valid_schedules_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob, Recurring("0 3 * * *", TimeZone = "Europe/Paris")]
            public static void Nightly(CancellationToken ct) { }

            [BackgroundJob, Recurring("*/10 * * * * *", MissedTicks = MissedTicks.Skip)]
            public static void Often(JobContext context, int batch = 100, string mode = "fast") { }

            [BackgroundJob, Recurring("0 0 L * ?")]
            public static void MonthEnd() { }

            [BackgroundJob, Recurring("@hourly", TimeZone = "UTC")]
            public static void Hourly() { }

            [BackgroundJob]
            public static void NotRecurring(int id) { }
        }
        """);

    [Fact]
    public Task An_invalid_cron_expression_is_reported_at_the_string() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob("reports.nightly"), Recurring({|JG0012:"0 3 * *"|})]
            public static void Nightly() { }

            [BackgroundJob, Recurring({|JG0012:"61 * * * *"|})]
            public static void BadMinute() { }

            [BackgroundJob, Recurring({|JG0012:"0 0 * * FUNDAY"|})]
            public static void BadDay() { }
        }
        """);

    [Fact]
    public Task An_unknown_time_zone_is_reported_at_the_string() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob, Recurring("0 3 * * *", TimeZone = {|JG0013:"Europe/Pariss"|})]
            public static void Nightly() { }

            [BackgroundJob, Recurring("0 3 * * *", TimeZone = {|JG0013:"Romance Standard Time"|})]
            public static void WindowsId() { }
        }
        """);

    [Fact]
    public Task Required_arguments_of_a_recurring_job_are_reported_at_the_parameter() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob, Recurring("0 3 * * *")]
            public static void Build(int {|JG0014:reportId|}, CancellationToken ct, string format = "pdf") { }
        }
        """);

    [Theory]
    [InlineData("* * * * *", null)]
    [InlineData("0 0 1-15/2 JAN-MAR,DEC 1-5", null)]
    [InlineData("0 0 15W * *", null)]
    [InlineData("0 0 L-3 * *", null)]
    [InlineData("0 0 * * 5L", null)]
    [InlineData("0 0 * * FRI#3", null)]
    [InlineData("0 0 0 ? * *", null)]
    [InlineData("@every_second", null)]
    [InlineData("* * * *", "4 fields")]
    [InlineData("0 24 * * *", "hours field '24' is invalid: 24 is outside 0-23")]
    [InlineData("*/0 * * * *", "step 0 is outside")]
    [InlineData("0 0 32 * *", "day-of-month field '32'")]
    [InlineData("0 0 * 13 *", "month field '13'")]
    [InlineData("0 0 * * 8", "day-of-week field '8'")]
    [InlineData("0 0 1,,2 * *", "an empty list item")]
    [InlineData("@sometimes", "not a known macro")]
    public void The_cron_checker_accepts_every_field_form_and_names_the_bad_field(string cron, string? error)
    {
        var problem = CronSyntax.Validate(cron);
        if (error is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(error, problem);
        }
    }
}
