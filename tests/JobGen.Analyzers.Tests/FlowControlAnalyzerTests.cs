using Verify = JobGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<JobGen.Analyzers.FlowControlAnalyzer>;

namespace JobGen.Analyzers.Tests;

/// <summary>JG0023: contradictory expiry or [UniqueJob] options.</summary>
public sealed class FlowControlAnalyzerTests
{
    private const string Usings = """
        using JobGen;

        """;

    [Fact]
    public Task Consistent_options_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob(ExpiresAfterSeconds = 60)]
            public static void Expiring(int id) { }

            [BackgroundJob, UniqueJob]
            public static void Unique(int id) { }

            [BackgroundJob, UniqueJob(Until = UniqueUntil.LockExpires, LockSeconds = 600)]
            public static void ForAWhile(int id) { }

            [BackgroundJob(ExpiresAfterSeconds = 0), UniqueJob(Until = UniqueUntil.Started, LockSeconds = 3600)]
            public static void Bounded(int id) { }
        }
        """);

    [Fact]
    public Task A_lock_that_expires_without_a_span_is_reported_at_the_attribute() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob("imports.file"), {|JG0023:UniqueJob(Until = UniqueUntil.LockExpires)|}]
            public static void Import(string path) { }
        }
        """);

    [Fact]
    public Task Negative_spans_are_reported() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [{|JG0023:BackgroundJob(ExpiresAfterSeconds = -5)|}]
            public static void Expiring(int id) { }

            [BackgroundJob, {|JG0023:UniqueJob(LockSeconds = -1)|}]
            public static void Unique(int id) { }
        }
        """);
}
