using JobGen.Analyzers.Tests.Infrastructure;
using JobGen.CodeFixes;

namespace JobGen.Analyzers.Tests;

/// <summary>JG0002 fixes: async void to Task, private/protected to internal; one fix and fix-all.</summary>
public sealed class JobSignatureCodeFixTests
{
    [Fact]
    public Task Async_void_becomes_async_Task() => CodeFixVerifier<JobDeclarationAnalyzer, JobSignatureCodeFixProvider>.VerifyAsync("""
        using System.Threading;
        using JobGen;

        public sealed class Jobs
        {
            [BackgroundJob]
            public async void {|JG0002:Run|}(int id, CancellationToken ct) => await System.Threading.Tasks.Task.Delay(1, ct);

            [BackgroundJob]
            public async void {|JG0002:Other|}(int id, CancellationToken ct) => await System.Threading.Tasks.Task.Delay(1, ct);
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using JobGen;

        public sealed class Jobs
        {
            [BackgroundJob]
            public async Task Run(int id, CancellationToken ct) => await System.Threading.Tasks.Task.Delay(1, ct);

            [BackgroundJob]
            public async Task Other(int id, CancellationToken ct) => await System.Threading.Tasks.Task.Delay(1, ct);
        }
        """);

    [Fact]
    public Task Private_job_and_nested_type_become_internal() => CodeFixVerifier<JobDeclarationAnalyzer, JobSignatureCodeFixProvider>.VerifyAsync("""
        using System.Threading;
        using JobGen;

        public sealed class Outer
        {
            private static class Jobs
            {
                [BackgroundJob]
                public static void {|JG0002:Run|}(int id, CancellationToken ct) { }

                [BackgroundJob]
                private static void {|JG0002:Hidden|}(int id, CancellationToken ct) { }
            }
        }
        """, """
        using System.Threading;
        using JobGen;

        public sealed class Outer
        {
            internal static class Jobs
            {
                [BackgroundJob]
                public static void Run(int id, CancellationToken ct) { }

                [BackgroundJob]
                internal static void Hidden(int id, CancellationToken ct) { }
            }
        }
        """);
}
