using System.Collections.Immutable;
using JobGen.Analyzers.Tests.Infrastructure;
using JobGen.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace JobGen.Analyzers.Tests;

/// <summary>JG0010/JG0011 fix: write the job as declared into JobGen.Shipped.txt; one fix and fix-all.</summary>
public sealed class UpdateManifestCodeFixTests
{
    private const string Source = """
        using System.Threading;
        using JobGen;

        public static class Jobs
        {
            [BackgroundJob("emails.welcome")]
            public static void {|#0:Welcome|}(int userId, string locale, CancellationToken ct) { }

            [BackgroundJob("billing.charge")]
            public static void {|#1:Charge|}(System.Guid invoiceId, decimal amount = 0m, CancellationToken ct = default) { }

            [BackgroundJob("reports.daily")]
            public static void Daily(System.DateOnly day, CancellationToken ct) { }
        }
        """;

    [Fact]
    public async Task Records_new_and_changed_jobs_in_the_manifest()
    {
        var test = new CodeFixVerifier<ManifestAnalyzer, UpdateManifestCodeFixProvider>.Test
        {
            TestCode = Source,
            FixedCode = Source.Replace("{|#0:Welcome|}", "Welcome").Replace("{|#1:Charge|}", "Charge"),
        };
        test.TestState.AdditionalFiles.Add(("JobGen.Shipped.txt", "# shipped jobs\nemails.welcome(userId:int)\nreports.daily(day:System.DateOnly)\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("JG0010", DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("emails.welcome", "argument 'locale' was added without a default value"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("JG0011", DiagnosticSeverity.Info).WithLocation(1)
            .WithArguments("billing.charge", "is not in the manifest of shipped jobs"));
        test.FixedState.AdditionalFiles.Add(("JobGen.Shipped.txt",
            "# shipped jobs\nbilling.charge(invoiceId:System.Guid, amount:decimal=0M)\nemails.welcome(userId:int, locale:string)\nreports.daily(day:System.DateOnly)\n"));
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// The removed job is reported on its manifest line (an AdditionalFile), which the code-fix test harness does
    /// not offer fixes for: the fix is applied here through a real workspace instead.
    /// </summary>
    [Fact]
    public async Task Removes_the_line_of_a_job_that_is_gone()
    {
        var ct = TestContext.Current.CancellationToken;
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("Jobs", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .AddMetadataReferences(TestReferences.All);
        project = project.AddDocument("Jobs.cs", """
            using System.Threading;
            using JobGen;

            public static class Jobs
            {
                [BackgroundJob("emails.welcome")]
                public static void Welcome(int userId, CancellationToken ct) { }
            }
            """).Project;
        var manifest = project.AddAdditionalDocument("JobGen.Shipped.txt", "emails.legacy(userId:int)\nemails.welcome(userId:int)\n", filePath: "/src/JobGen.Shipped.txt");
        project = manifest.Project;

        var compilation = (await project.GetCompilationAsync(ct))!;
        var options = new AnalyzerOptions(project.AdditionalDocuments.Select(d => (AdditionalText)new InMemoryAdditionalText(d.FilePath!, d.GetTextAsync(ct).Result.ToString())).ToImmutableArray());
        var diagnostics = await compilation.WithAnalyzers([new ManifestAnalyzer()], options).GetAnalyzerDiagnosticsAsync(ct);
        var removed = Assert.Single(diagnostics);
        Assert.Equal("JG0010", removed.Id);
        Assert.Equal("/src/JobGen.Shipped.txt", removed.Location.GetLineSpan().Path);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(manifest, removed.Location.SourceSpan, [removed], (a, _) => actions.Add(a), ct);
        await new UpdateManifestCodeFixProvider().RegisterCodeFixesAsync(context);
        var action = Assert.Single(actions);
        Assert.Equal("Remove job 'emails.legacy' from JobGen.Shipped.txt", action.Title);
        var operation = (ApplyChangesOperation)Assert.Single(await action.GetOperationsAsync(ct));
        var text = await operation.ChangedSolution.GetAdditionalDocument(manifest.Id)!.GetTextAsync(ct);
        Assert.Equal("emails.welcome(userId:int)\n", text.ToString());
    }
}
