using JobGen.Analyzers.Tests.Infrastructure;
using JobGen.CodeFixes;

namespace JobGen.Analyzers.Tests;

/// <summary>JG0005 clock fix: JobContext.CreatedAt instead of the wall clock, adding the parameter when needed.</summary>
public sealed class UseJobContextTimeCodeFixTests
{
    [Fact]
    public Task Replaces_clock_reads_and_adds_a_JobContext() => CodeFixVerifier<IdempotencyAnalyzer, UseJobContextTimeCodeFixProvider>.VerifyAsync("""
        using System;
        using System.Threading;

        public sealed class Jobs
        {
            [JobGen.BackgroundJob]
            public void Stamp(int id, CancellationToken ct)
            {
                var a = {|JG0005:DateTime.UtcNow|};
                var b = {|JG0005:DateTimeOffset.UtcNow|};
                Func<DateTime> c = () => {|JG0005:DateTime.Now|};
            }

            [JobGen.BackgroundJob]
            public void Due(int id, JobGen.JobContext job, CancellationToken ct)
            {
                var due = {|JG0005:DateTimeOffset.Now|}.AddDays(30);
                var guid = {|JG0005:Guid.NewGuid()|};
            }
        }
        """, """
        using System;
        using System.Threading;
        using JobGen;

        public sealed class Jobs
        {
            [JobGen.BackgroundJob]
            public void Stamp(int id, JobContext context, CancellationToken ct)
            {
                var a = context.CreatedAt.UtcDateTime;
                var b = context.CreatedAt;
                Func<DateTime> c = () => context.CreatedAt.LocalDateTime;
            }

            [JobGen.BackgroundJob]
            public void Due(int id, JobGen.JobContext job, CancellationToken ct)
            {
                var due = job.CreatedAt.ToLocalTime().AddDays(30);
                var guid = {|JG0005:Guid.NewGuid()|};
            }
        }
        """);
}
