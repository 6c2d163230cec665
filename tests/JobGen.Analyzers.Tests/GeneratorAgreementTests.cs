using JobGen.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace JobGen.Analyzers.Tests;

/// <summary>
/// The analyzers and the generator share one parser: every job the generator emits has no JG0001/JG0002, and every
/// job it skips has one. Checked on a mix of valid and invalid jobs compiled with both.
/// </summary>
public sealed class GeneratorAgreementTests
{
    [Fact]
    public async Task Generator_emits_exactly_the_jobs_the_analyzers_accept()
    {
        const string source = """
            using System.Collections.Generic;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            using JobGen;

            namespace Mix;

            public sealed class Order { public int Number { get; set; } }

            public sealed class Jobs
            {
                [BackgroundJob] public static void ValidStatic(int id, CancellationToken ct) { }
                [BackgroundJob] public Task ValidInstance(List<string> names, CancellationToken ct) => Task.CompletedTask;
                [BackgroundJob] public static void BadStream(Stream body, CancellationToken ct) { }
                [BackgroundJob] public static void BadOrder(Order order, CancellationToken ct) { }
                [BackgroundJob] public async void BadAsyncVoid(int id, CancellationToken ct) => await Task.Yield();
                [BackgroundJob] public static void BadGeneric<T>(int id, CancellationToken ct) { }
                [BackgroundJob] private static void BadPrivate(int id, CancellationToken ct) { }
                [BackgroundJob] public static Task<int> BadResult(int id, CancellationToken ct) => Task.FromResult(id);
            }
            """;

        var run = await AnalyzerRunner.RunAsync([("Mix.cs", source)], manifest: null, TestContext.Current.CancellationToken);

        Assert.Empty(run.CompilerErrors.Select(d => d.ToString()));
        var rejected = run.AnalyzerDiagnostics
            .Where(d => d.Id is "JG0001" or "JG0002")
            .Select(d => NameAt(d))
            .ToHashSet();
        Assert.Equal(["BadAsyncVoid", "BadGeneric", "BadOrder", "BadPrivate", "BadResult", "BadStream"], rejected.Order(StringComparer.Ordinal));

        var generated = string.Concat(run.GeneratedSources);
        foreach (var job in new[] { "ValidStatic", "ValidInstance" })
        {
            Assert.Contains($"Enqueue{job}Async", generated, StringComparison.Ordinal);
        }

        foreach (var job in rejected)
        {
            Assert.DoesNotContain($"Enqueue{job}Async", generated, StringComparison.Ordinal);
        }
    }

    /// <summary>The method a diagnostic is on (its identifier, or the method of the parameter it is on).</summary>
    private static string NameAt(Diagnostic diagnostic)
    {
        var tree = diagnostic.Location.SourceTree!;
        var node = tree.GetRoot().FindNode(diagnostic.Location.SourceSpan);
        var method = node.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().First();
        return method.Identifier.ValueText;
    }
}
