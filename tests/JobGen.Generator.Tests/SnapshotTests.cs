namespace JobGen.Generator.Tests;

/// <summary>One approved snapshot per scenario; every snapshot's output also compiles with zero diagnostics.</summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData("StaticJob")]
    [InlineData("InstanceJobWithConstructorInjection")]
    [InlineData("CancellationTokenAndJobContext")]
    [InlineData("ReturnKinds")]
    [InlineData("NestedClass")]
    [InlineData("GlobalNamespace")]
    [InlineData("CustomIdAndQueue")]
    [InlineData("MessagePackObjectArguments")]
    [InlineData("NullableAndEnumArguments")]
    [InlineData("MethodNameCollision")]
    [InlineData("InternalJobs")]
    [InlineData("InvalidJobsAreSkipped")]
    [InlineData("RecurringJobs")]
    [InlineData("JobPriority")]
    public void Scenario(string name)
    {
        var result = GeneratorHarness.Run("Sample.App", Scenarios.All[name]);

        var problems = GeneratorHarness.Problems(result.Compilation);
        if (name == "InvalidJobsAreSkipped")
        {
            // The invalid user code itself is fine C#; only Result's Task<int> etc. Nothing may come from generated code.
            problems = problems.Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true).ToList();
        }

        Assert.True(problems.Count == 0, "The generated code does not compile cleanly:\n" + string.Join("\n", problems) + "\n\n" + result.SnapshotText);
        Snapshot.Verify(name, result.SnapshotText);
    }

    [Fact]
    public void NullableDisabledProject_CompilesWithoutDiagnostics()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using JobGen;
            using MessagePack;

            namespace Legacy;

            /// <summary>Oblivious members.</summary>
            [MessagePackObject]
            public class Order
            {
                /// <summary>Lines.</summary>
                [Key(0)] public List<string> Lines { get; set; }
                /// <summary>Meta.</summary>
                [Key(1)] public Dictionary<string, Order> Children { get; set; }
            }

            /// <summary>Service.</summary>
            public interface IStore { }

            /// <summary>Jobs in a project without nullable reference types.</summary>
            public class LegacyJobs
            {
                /// <summary>Ctor.</summary>
                public LegacyJobs(IStore store, string name = null) { }

                /// <summary>Job.</summary>
                [BackgroundJob]
                public Task Process(Order order, string[] tags, string note = null, CancellationToken ct = default) => Task.CompletedTask;
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation("Legacy", source).WithOptions(
            GeneratorHarness.CreateCompilation("Legacy", source).Options.WithNullableContextOptions(NullableContextOptions.Disable));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, TestContext.Current.CancellationToken);

        Assert.Empty(diagnostics);
        Assert.Single(output.SyntaxTrees, t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal));
        var problems = GeneratorHarness.Problems(output);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void NoJobs_GeneratesNothing()
    {
        var result = GeneratorHarness.Run("Empty", "namespace A; public static class B { public static void C() { } }");
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void AssemblyNamePrefix_IsSanitized()
    {
        Assert.Equal("FooBar", Model.JobSetBuilder.Prefix("Foo.Bar"));
        Assert.Equal("myapp2", Model.JobSetBuilder.Prefix("my-app.2"));
        Assert.Equal("_1Jobs", Model.JobSetBuilder.Prefix("1.Jobs"));
        Assert.Equal("Assembly", Model.JobSetBuilder.Prefix("..."));
    }
}
