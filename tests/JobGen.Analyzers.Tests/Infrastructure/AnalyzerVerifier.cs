using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace JobGen.Analyzers.Tests.Infrastructure;

/// <summary>Runs one analyzer over sources with diagnostic markup (<c>{|JG0005:DateTime.UtcNow|}</c>).</summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(source, manifest: null, expected);

    public static async Task VerifyAsync(string source, string? manifest, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        if (manifest is not null)
        {
            test.TestState.AdditionalFiles.Add(("JobGen.Shipped.txt", manifest));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The test with JobGen's offline references.</summary>
    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.ReferenceAssemblies;
            TestState.AdditionalReferences.AddRange(TestReferences.All);
            SolutionTransforms.Add(TestProjects.EnableNullable);
        }
    }
}
