using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace JobGen.Generator.Tests;

/// <summary>An unrelated edit leaves every tracked step cached; the models hold no symbol, syntax, location or compilation.</summary>
public sealed class IncrementalityTests
{
    private static readonly string[] TrackedSteps =
    [
        JobGenerator.Steps.Jobs, JobGenerator.Steps.ValidJobs, JobGenerator.Steps.AllJobs,
        JobGenerator.Steps.AssemblyName, JobGenerator.Steps.JobSet,
    ];

    private const string Helper = """
        namespace Sample.App;

        /// <summary>Unrelated code.</summary>
        public static class Helper
        {
            /// <summary>Body edited by the test.</summary>
            public static int Compute() => 1;
        }
        """;

    [Fact]
    public void UnrelatedEditInAnotherFile_LeavesEveryStepCachedOrUnchanged()
    {
        var (first, second) = RunTwice(Scenarios.All["MessagePackObjectArguments"], Helper, EditOtherFile);

        AssertAllStepsCached(second);
        Assert.All(second.Results[0].TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(first.GeneratedTrees.Single().ToString(), second.GeneratedTrees.Single().ToString());
    }

    [Fact]
    public void UnrelatedEditInTheJobsFile_LeavesEveryStepCachedOrUnchanged()
    {
        var jobs = Scenarios.All["StaticJob"] + "\nnamespace Sample.App { /// <summary>X.</summary>\npublic static class Other { /// <summary>Y.</summary>\npublic static int Value() => 1; } }\n";
        var (_, second) = RunTwice(jobs, Helper, EditJobsFile);

        AssertAllStepsCached(second);
    }

    [Fact]
    public void ChangingAJobSignature_IsSeenAsAModification()
    {
        // Proves the cached assertions above can fail: a real change must flow through.
        var (_, second) = RunTwice(Scenarios.All["StaticJob"], Helper, AddJobParameter);

        var reasons = second.Results[0].TrackedSteps[JobGenerator.Steps.JobSet].SelectMany(s => s.Outputs).Select(o => o.Reason);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        Assert.Contains("bool urgent", second.GeneratedTrees.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EditingAnArgumentTypeInAnotherFile_RegeneratesItsFormatter()
    {
        const string jobs = """
            using JobGen;
            namespace Sample.App;
            /// <summary>Jobs.</summary>
            public static class Jobs
            {
                /// <summary>Job.</summary>
                [BackgroundJob] public static void Save(Item item) { }
            }
            """;
        const string item = """
            using MessagePack;
            namespace Sample.App;
            /// <summary>Item.</summary>
            [MessagePackObject]
            public sealed class Item
            {
                /// <summary>A.</summary>
                [Key(0)] public int A { get; set; }
            }
            """;
        var (first, second) = RunTwice(jobs, item, c => ReplaceIn(c, 1, "[Key(0)] public int A { get; set; }", "[Key(0)] public int A { get; set; }\n    /// <summary>B.</summary>\n    [Key(1)] public string B { get; set; } = \"\";"));

        Assert.DoesNotContain("value.B", first.GeneratedTrees.Single().ToString(), StringComparison.Ordinal);
        Assert.Contains("value.B", second.GeneratedTrees.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Models_HoldNoSymbolsSyntaxLocationsOrCompilations()
    {
        var compilation = GeneratorHarness.CreateCompilation("Sample.App", Scenarios.All["MessagePackObjectArguments"], Scenarios.All["InstanceJobWithConstructorInjection"], Scenarios.All["NullableAndEnumArguments"]);
        var first = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult();
        var outputs = TrackedSteps
            .SelectMany(step => first.Results[0].TrackedSteps[step])
            .SelectMany(s => s.Outputs)
            .Select(o => o.Value)
            .ToList();
        Assert.NotEmpty(outputs);

        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var value in outputs)
        {
            Walk(value, "output", visited);
        }

        Assert.Contains(visited, v => v.GetType().Name == "JobModel");
        Assert.Contains(visited, v => v.GetType().Name == "ArgumentTypeModel");
    }

    [Fact]
    public void ModelWalker_FailsOnASymbol()
    {
        var compilation = GeneratorHarness.CreateCompilation("X", "class C { }");
        var holder = new { Inner = new object[] { 1, "a", compilation.GetTypeByMetadataName("C")! } };
        Assert.ThrowsAny<Exception>(() => Walk(holder, "holder", new HashSet<object>(ReferenceEqualityComparer.Instance)));
    }

    private static void Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        var type = value.GetType();
        Assert.False(value is ISymbol or SyntaxNode or SyntaxTree or Location or Compilation or SemanticModel or SyntaxToken,
            $"{path} holds a {type.FullName}: models must be plain data or caching breaks");
        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable sequence)
        {
            var i = 0;
            foreach (var item in sequence)
            {
                Walk(item, $"{path}[{i++}]", visited);
            }
        }

        for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), $"{path}.{field.Name}", visited);
            }
        }
    }

    private static void AssertAllStepsCached(GeneratorDriverRunResult run)
    {
        var steps = run.Results[0].TrackedSteps;
        foreach (var name in TrackedSteps)
        {
            Assert.True(steps.ContainsKey(name), $"step {name} was not tracked");
            foreach (var output in steps[name].SelectMany(s => s.Outputs))
            {
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"step {name} output was {output.Reason}");
            }
        }
    }

    private static (GeneratorDriverRunResult First, GeneratorDriverRunResult Second) RunTwice(string jobs, string helper, Func<CSharpCompilation, CSharpCompilation> edit)
    {
        var compilation = GeneratorHarness.CreateCompilation("Sample.App", jobs, helper);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation, TestContext.Current.CancellationToken);
        var first = driver.GetRunResult();
        driver = driver.RunGenerators(edit(compilation), TestContext.Current.CancellationToken);
        return (first, driver.GetRunResult());
    }

    private static CSharpCompilation EditOtherFile(CSharpCompilation compilation) =>
        ReplaceIn(compilation, 1, "=> 1;", "=> 2 + 2;");

    private static CSharpCompilation EditJobsFile(CSharpCompilation compilation) =>
        ReplaceIn(compilation, 0, "public static int Value() => 1;", "public static int Value() => 42;");

    private static CSharpCompilation AddJobParameter(CSharpCompilation compilation) =>
        ReplaceIn(compilation, 0, "string email)", "string email, bool urgent)");

    private static CSharpCompilation ReplaceIn(CSharpCompilation compilation, int treeIndex, string from, string to)
    {
        var tree = compilation.SyntaxTrees.ElementAt(treeIndex);
        var text = tree.ToString();
        Assert.Contains(from, text, StringComparison.Ordinal);
        var edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(from, to, StringComparison.Ordinal)));
        return compilation.ReplaceSyntaxTree(tree, edited);
    }
}
