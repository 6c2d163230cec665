using JobGen.Generator.Testing;

namespace JobGen.Generator.Tests;

/// <summary>
/// The typed test assertions: emitted only where JobGen.Testing is referenced, for the project's own jobs and those of
/// referenced assemblies (read from metadata), and the output compiles clean in a strict project.
/// </summary>
public sealed class TestAssertionsGeneratorTests
{
    private const string LibraryJobs = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using JobGen;
        using MessagePack;

        namespace Shop.Jobs;

        /// <summary>An argument type.</summary>
        [MessagePackObject]
        public sealed record Address([property: Key(0)] string Street, [property: Key(1)] int? Number);

        /// <summary>Jobs of a library.</summary>
        public static class ShopJobs
        {
            /// <summary>A public job.</summary>
            [BackgroundJob("shop.ship", Queue = "shipping")]
            public static Task Ship(int orderId, Address to, List<string> items, bool express = false, CancellationToken ct = default) => Task.CompletedTask;

            /// <summary>An internal job: the tests cannot call it, so they get no assertion for it.</summary>
            [BackgroundJob("shop.audit")]
            internal static void Audit(int orderId) { }
        }
        """;

    private const string TestProjectJobs = """
        using JobGen;

        namespace Shop.Tests;

        /// <summary>A job declared in the test project itself.</summary>
        public static class LocalJobs
        {
            /// <summary>Has a parameter named like the assertion's own queue parameter.</summary>
            [BackgroundJob("local.route")]
            public static void Route(string queue, string assert, int arguments) { }
        }
        """;

    private const string UsesAssertions = """
        using JobGen.Testing;
        using Shop.Jobs;

        namespace Shop.Tests;

        /// <summary>Calls the generated assertions: the build fails if they are missing or mistyped.</summary>
        public static class Uses
        {
            /// <summary>Typed calls.</summary>
            public static void Assertions(FakeJobClient jobs)
            {
                jobs.AssertEnqueued.Ship(orderId: 1, to: new Address("Main", 1), queue: "shipping");
                jobs.AssertEnqueued.Ship(items: new System.Collections.Generic.List<string> { "a" }, express: true);
                jobs.AssertNotEnqueued.Ship(orderId: Arg.Is<int>(id => id > 3));
                jobs.AssertEnqueued.Route(queue: "q", assert: "a", arguments: 1, queue_: "default");
            }
        }
        """;

    [Fact]
    public void A_project_without_JobGen_Testing_gets_no_assertions()
    {
        var result = Run("Shop.Tests", withTesting: false, TestProjectJobs);

        Assert.Equal(["JobGen.ShopTestsJobs.g.cs"], result.Sources.Select(s => s.HintName));
    }

    [Fact]
    public void A_test_project_gets_typed_assertions_for_its_own_jobs_and_the_public_jobs_of_referenced_assemblies()
    {
        var result = Run("Shop.Tests", withTesting: true, TestProjectJobs, UsesAssertions);

        Assert.Equal(["JobGen.ShopTestsJobAssertions.g.cs", "JobGen.ShopTestsJobs.g.cs"], result.Sources.Select(s => s.HintName));
        Assert.Empty(GeneratorHarness.Problems(result.Compilation));
        var assertions = result.Sources[0].Text;
        Assert.Contains("case \"shop.ship\":", assertions, StringComparison.Ordinal);
        Assert.Contains("case \"local.route\":", assertions, StringComparison.Ordinal);
        Assert.DoesNotContain("shop.audit", assertions, StringComparison.Ordinal);
        Snapshot.Verify("TestAssertions", assertions);
    }

    [Fact]
    public void An_unrelated_edit_leaves_the_assertion_model_unchanged()
    {
        var library = LibraryReference();
        var compilation = Compilation("Shop.Tests", true, library, TestProjectJobs, "namespace Shop.Tests; /// <summary>X.</summary>\npublic static class Other { /// <summary>Y.</summary>\npublic static int V() => 1; }");
        var driver = Driver(trackSteps: true).RunGenerators(compilation, TestContext.Current.CancellationToken);
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("namespace Shop.Tests; /// <summary>X.</summary>\npublic static class Other { /// <summary>Y.</summary>\npublic static int V() => 2; }", GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose), cancellationToken: TestContext.Current.CancellationToken));

        var second = driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult();

        var assertions = second.Results.Single(r => r.Generator.GetGeneratorType() == typeof(TestAssertionsGenerator));
        Assert.All(assertions.TrackedSteps[TestAssertionsGenerator.Steps.JobSet].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    private static GenerationResult Run(string assemblyName, bool withTesting, params string[] sources)
    {
        var compilation = Compilation(assemblyName, withTesting, LibraryReference(), sources);
        Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, TestContext.Current.CancellationToken);
        Assert.Empty(diagnostics);
        var generated = output.SyntaxTrees.Except(compilation.SyntaxTrees)
            .Select(t => (HintName: Path.GetFileName(t.FilePath), Text: t.ToString()))
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .ToImmutableArray();
        return new GenerationResult((CSharpCompilation)output, generated);
    }

    private static CSharpCompilation Compilation(string assemblyName, bool withTesting, MetadataReference library, params string[] sources)
    {
        var compilation = GeneratorHarness.CreateCompilation(assemblyName, sources).AddReferences(library);
        return withTesting ? compilation.AddReferences(MetadataReference.CreateFromFile(typeof(JobGen.Testing.FakeJobClient).Assembly.Location)) : compilation;
    }

    // The library, compiled with the real generator and referenced as metadata, as a test project references an app.
    private static MetadataReference LibraryReference()
    {
        var library = GeneratorHarness.Run("Shop.Jobs", LibraryJobs);
        Assert.Empty(GeneratorHarness.Problems(library.Compilation));
        using var stream = new MemoryStream();
        var emitted = library.Compilation.Emit(stream, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private static GeneratorDriver Driver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new JobGenerator().AsSourceGenerator(), new TestAssertionsGenerator().AsSourceGenerator() },
            parseOptions: GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
}
