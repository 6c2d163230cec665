using JobGen.Analyzers.Tests.Infrastructure;

namespace JobGen.Analyzers.Tests;

public sealed class SmokeTests
{
    [Fact]
    public Task Clock_in_job_is_reported() => AnalyzerVerifier<IdempotencyAnalyzer>.VerifyAsync("""
        using System;
        using System.Threading;
        using JobGen;

        public sealed class Jobs
        {
            [BackgroundJob]
            public void Run(int id, CancellationToken ct)
            {
                var now = {|JG0005:DateTime.UtcNow|};
            }
        }
        """);
}
