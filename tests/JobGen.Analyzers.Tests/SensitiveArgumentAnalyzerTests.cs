using JobGen.Analyzers.Tests.Infrastructure;
using JobGen.CodeFixes;
using Verify = JobGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<JobGen.Analyzers.SensitiveArgumentAnalyzer>;

namespace JobGen.Analyzers.Tests;

/// <summary>JG0015 (secret-looking argument without [Sensitive], with its fix) and JG0016 ([Sensitive] without effect).</summary>
public sealed class SensitiveArgumentAnalyzerTests
{
    private const string Usings = """
        using System.Threading;
        using JobGen;

        """;

    [Fact]
    public Task Secret_looking_arguments_without_Sensitive_are_reported_and_marked_ones_are_not() => Verify.VerifyAsync(Usings + """
        public static class Jobs
        {
            [BackgroundJob]
            public static void Reset(int userId, string {|JG0015:password|}, string {|JG0015:resetToken|}, string {|JG0015:api_key|}, string {|JG0015:cardNumber|}, CancellationToken ct) { }

            [BackgroundJob]
            public static void Marked(int userId, [Sensitive] string password, [Sensitive] string apiKey, CancellationToken ct) { }

            [BackgroundJob]
            public static void Plain(bool hasPassword, string className, string pageToken, int pin, CancellationToken ct) { }

            public static void NotAJob(string password) { }
        }
        """);

    [Fact]
    public Task Sensitive_where_it_encrypts_nothing_is_reported() => Verify.VerifyAsync(Usings + """
        public sealed record Card([Sensitive] string {|JG0016:Number|}, [property: Sensitive] string Cvv);

        public static class Jobs
        {
            [BackgroundJob]
            public static void Run(int id, [Sensitive] CancellationToken {|JG0016:ct|}) { }

            public static void Helper([Sensitive] string {|JG0016:secret|}) { }
        }
        """);

    [Fact]
    public Task JG0006_does_not_report_a_secret_that_is_marked_Sensitive() =>
        AnalyzerVerifier<PayloadArgumentAnalyzer>.VerifyAsync(Usings + """
            public static class Jobs
            {
                [BackgroundJob]
                public static void Reset(int userId, [Sensitive] string password, string {|JG0006:apiKey|}, CancellationToken ct) { }
            }
            """);

    [Fact]
    public Task The_fix_marks_the_argument_Sensitive() => CodeFixVerifier<SensitiveArgumentAnalyzer, AddSensitiveCodeFixProvider>.VerifyAsync("""
        using System.Threading;
        using JobGen;

        public static class Jobs
        {
            [BackgroundJob]
            public static void Reset(int userId, string {|JG0015:password|}, CancellationToken ct) { }
        }
        """, """
        using System.Threading;
        using JobGen;

        public static class Jobs
        {
            [BackgroundJob]
            public static void Reset(int userId, [Sensitive] string password, CancellationToken ct) { }
        }
        """);

    [Fact]
    public Task The_fix_adds_the_using_when_JobGen_is_not_imported() => CodeFixVerifier<SensitiveArgumentAnalyzer, AddSensitiveCodeFixProvider>.VerifyAsync("""
        using System.Threading;

        public static class Jobs
        {
            [JobGen.BackgroundJob]
            public static void Reset(int userId, string {|JG0015:password|}, CancellationToken ct) { }
        }
        """, """
        using System.Threading;
        using JobGen;

        public static class Jobs
        {
            [JobGen.BackgroundJob]
            public static void Reset(int userId, [Sensitive] string password, CancellationToken ct) { }
        }
        """);
}
