using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace JobGen.Analyzers.Tests.Infrastructure;

/// <summary>Runs an analyzer and its code fix: before/after, one fix and fix-all.</summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static async Task VerifyAsync(string source, string fixedSource, int? iterations = null)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        if (iterations is { } n)
        {
            test.NumberOfFixAllIterations = n;
            test.NumberOfFixAllInDocumentIterations = n;
            test.NumberOfFixAllInProjectIterations = n;
        }

        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The test with JobGen's offline references.</summary>
    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.ReferenceAssemblies;
            TestState.AdditionalReferences.AddRange(TestReferences.All);
            SolutionTransforms.Add(TestProjects.EnableNullable);

            // markup in the fixed code states the diagnostics that must remain (e.g. a finding no fix applies to)
            FixedState.MarkupHandling = MarkupMode.Allow;
        }
    }
}
