using JobGen.Analyzers.Tests.Infrastructure;
using Verify = JobGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<JobGen.Analyzers.JobDeclarationAnalyzer>;

namespace JobGen.Analyzers.Tests;

/// <summary>JG0001/JG0002 (from the shared parser), JG0003, JG0004 and JG0007.</summary>
public sealed class JobDeclarationAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using JobGen;
        using MessagePack;

        """;

    [Fact]
    public Task Valid_jobs_have_no_diagnostics() => Verify.VerifyAsync(Usings + """
        [MessagePackObject]
        public sealed class Address
        {
            [Key(0)] public string Street { get; set; } = "";
            [Key(1)] public List<string> Lines { get; set; } = new();
        }

        public sealed class Jobs(IServiceProvider services)
        {
            [BackgroundJob("a.static", Queue = "q", MaxAttempts = 3)]
            public static void Static(int id, string? note, CancellationToken ct) { }

            [BackgroundJob]
            public Task Instance(Guid id, Address address, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;

            [BackgroundJob]
            internal ValueTask WithContext(long id, JobContext context, CancellationToken ct) => default;
        }
        """);

    [Fact]
    public Task Jg0001_stream_argument() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs
        {
            [BackgroundJob]
            public Task Upload(System.IO.Stream {|JG0001:body|}, CancellationToken ct) => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Jg0001_user_type_without_MessagePackObject() => Verify.VerifyAsync(Usings + """
        public sealed class Order { public int Number { get; set; } }

        public sealed class Jobs
        {
            [BackgroundJob]
            public Task Ship(Order {|JG0001:order|}, CancellationToken ct) => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Jg0001_member_without_key() => Verify.VerifyAsync(Usings + """
        [MessagePackObject]
        public sealed class Receipt
        {
            [Key(0)] public int Number { get; set; }
            public string Note { get; set; } = "";
        }

        public sealed class Jobs
        {
            [BackgroundJob]
            public Task Send(Receipt {|JG0001:receipt|}, CancellationToken ct) => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Jg0002_async_void() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs
        {
            [BackgroundJob]
            public async void {|JG0002:Run|}(int id, CancellationToken ct) => await Task.Delay(1, ct);
        }
        """);

    [Fact]
    public Task Jg0002_returns_a_result() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs
        {
            [BackgroundJob]
            public Task<int> {|JG0002:Count|}(int id, CancellationToken ct) => Task.FromResult(id);
        }
        """);

    [Fact]
    public Task Jg0002_generic_private_and_ref() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs
        {
            [BackgroundJob]
            public void {|JG0002:Generic|}<T>(int id, CancellationToken ct) { }

            [BackgroundJob]
            private void {|JG0002:Hidden|}(int id, CancellationToken ct) { }

            [BackgroundJob]
            public void ByRef(ref int {|JG0002:id|}, CancellationToken ct) { }
        }
        """);

    [Fact]
    public Task Jg0002_class_the_dispatcher_cannot_construct() => Verify.VerifyAsync(Usings + """
        public abstract class Base
        {
            // two reasons: abstract class, and its implicit constructor is protected
            [BackgroundJob]
            public void {|JG0002:{|JG0002:Run|}|}(int id, CancellationToken ct) { }
        }

        public sealed class NoCtor
        {
            private NoCtor() { }

            [BackgroundJob]
            public void {|JG0002:Run|}(int id, CancellationToken ct) { }
        }
        """);

    [Fact]
    public Task Jg0003_duplicate_ids() => Verify.VerifyAsync(Usings + """
        public sealed class Billing
        {
            [BackgroundJob("billing.charge")]
            public static void {|JG0003:Charge|}(int id, CancellationToken ct) { }
        }

        public sealed class Invoices
        {
            [BackgroundJob("billing.charge")]
            public static void {|JG0003:Charge|}(int invoiceId, CancellationToken ct) { }

            [BackgroundJob("billing.refund")]
            public static void Refund(int invoiceId, CancellationToken ct) { }
        }
        """);

    [Fact]
    public Task Jg0004_job_without_token() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs
        {
            [BackgroundJob]
            public Task {|JG0004:Run|}(int id) => Task.CompletedTask;

            [BackgroundJob]
            public Task WithToken(int id, CancellationToken ct) => Task.CompletedTask;

            public Task NotAJob(int id) => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Jg0007_local_function_and_lambda() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs
        {
            public void Setup()
            {
                [BackgroundJob]
                static void {|JG0007:Local|}(int id) { }

                Action<int> run = {|JG0007:[|}BackgroundJob] (int id) => { };

                [Obsolete]
                static void NotAJob() { }
            }
        }
        """);
}
