using JobGen.Analyzers.Tests.Infrastructure;
using JobGen.CodeFixes;

namespace JobGen.Analyzers.Tests;

/// <summary>JG0004 fix: add the token and pass it to optional parameters and token overloads.</summary>
public sealed class AddCancellationTokenCodeFixTests
{
    [Fact]
    public Task Adds_token_and_passes_it_on() => CodeFixVerifier<JobDeclarationAnalyzer, AddCancellationTokenCodeFixProvider>.VerifyAsync("""
        using System.IO;
        using System.Threading.Tasks;
        using JobGen;

        public interface IMailer
        {
            Task SendAsync(string to, string body, System.Threading.CancellationToken cancellationToken = default);
        }

        public sealed class Jobs(IMailer mailer)
        {
            [BackgroundJob]
            public async Task {|JG0004:Send|}(string to)
            {
                await Task.Delay(10);
                await mailer.SendAsync(to, "hi");
                await mailer.SendAsync(to, Body(await File.ReadAllTextAsync("x")));
            }

            [BackgroundJob]
            public Task {|JG0004:Other|}(string to, int priority = 1) => mailer.SendAsync(to, "x");

            private static string Body(string s) => s;
        }
        """, """
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using JobGen;

        public interface IMailer
        {
            Task SendAsync(string to, string body, System.Threading.CancellationToken cancellationToken = default);
        }

        public sealed class Jobs(IMailer mailer)
        {
            [BackgroundJob]
            public async Task Send(string to, CancellationToken cancellationToken)
            {
                await Task.Delay(10, cancellationToken);
                await mailer.SendAsync(to, "hi", cancellationToken);
                await mailer.SendAsync(to, Body(await File.ReadAllTextAsync("x", cancellationToken)), cancellationToken);
            }

            [BackgroundJob]
            public Task Other(string to, int priority = 1, CancellationToken cancellationToken = default) => mailer.SendAsync(to, "x", cancellationToken);

            private static string Body(string s) => s;
        }
        """);
}
