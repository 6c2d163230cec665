using JobGen.Generator.Parsing;

namespace JobGen.Generator.Tests;

/// <summary>The shared parser's verdicts: what the analyzers report and the generator skips.</summary>
public sealed class JobParserTests
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using JobGen;
        using MessagePack;

        namespace P;

        public sealed class NoAttribute { public int A { get; set; } }

        [MessagePackObject] public sealed class MissingKey { [Key(0)] public int A { get; set; } public int B { get; set; } }

        [MessagePackObject(true)] public sealed class StringKeyed { public int A { get; set; } }

        [MessagePackObject] public sealed class Twice { [Key(0)] public int A { get; set; } [Key(0)] public int B { get; set; } }

        [MessagePackObject] public sealed class Unbuildable { public Unbuildable(string other) { } [Key(0)] public int A { get; } }

        [MessagePackObject] public sealed class Deep { [Key(0)] public List<Inner> Items { get; set; } = new(); }

        public sealed class Inner { public int X { get; set; } }

        public sealed class Generic<T> { [BackgroundJob] public static void InGeneric() { } }

        public abstract class Base { [BackgroundJob] public abstract void Abstract(); }

        public sealed class NoCtor { private NoCtor() { } [BackgroundJob] public void Run() { } }

        public sealed class RequiredJob { public required string Name { get; init; } [BackgroundJob] public void Required() { } }

        [MessagePackObject] public sealed class RequiredArg { [Key(0)] public int A { get; set; } [IgnoreMember] public required string B { get; init; } }

        public sealed class GenericOuter<T> { [MessagePackObject] public sealed class Inside { [Key(0)] public int A { get; set; } } }

        """;

    [Theory]
    [InlineData("public static void M(Stream s)", "JG0001", nameof(JobProblemKind.UnsupportedType), 0)]
    [InlineData("public static void M(int a, object o)", "JG0001", nameof(JobProblemKind.UnsupportedType), 1)]
    [InlineData("public static void M(int a, NoAttribute x)", "JG0001", nameof(JobProblemKind.MissingMessagePackObject), 1)]
    [InlineData("public static void M(MissingKey x)", "JG0001", nameof(JobProblemKind.MemberWithoutKey), 0)]
    [InlineData("public static void M(StringKeyed x)", "JG0001", nameof(JobProblemKind.StringKeys), 0)]
    [InlineData("public static void M(Twice x)", "JG0001", nameof(JobProblemKind.DuplicateKey), 0)]
    [InlineData("public static void M(Unbuildable x)", "JG0001", nameof(JobProblemKind.NoWayToConstruct), 0)]
    [InlineData("public static void M(Deep x)", "JG0001", nameof(JobProblemKind.MissingMessagePackObject), 0)]
    [InlineData("public static void M(Dictionary<int, string> d)", "JG0001", nameof(JobProblemKind.UnsupportedType), 0)]
    [InlineData("public static void M(Func<int> f)", "JG0001", nameof(JobProblemKind.UnsupportedType), 0)]
    [InlineData("public static void M(int[,] grid)", "JG0001", nameof(JobProblemKind.UnsupportedType), 0)]
    [InlineData("public static void M(RequiredArg x)", "JG0001", nameof(JobProblemKind.NoWayToConstruct), 0)]
    [InlineData("public static void M(GenericOuter<int>.Inside x)", "JG0001", nameof(JobProblemKind.UnsupportedType), 0)]
    [InlineData("public static void M(Dictionary<string?, int> d)", "JG0001", nameof(JobProblemKind.UnsupportedType), 0)]
    [InlineData("public static void M<T>(int a)", "JG0002", nameof(JobProblemKind.GenericMethod), -1)]
    [InlineData("public static void M(ref int a)", "JG0002", nameof(JobProblemKind.RefKindParameter), 0)]
    [InlineData("public static void M(int a, params int[] rest)", "JG0002", nameof(JobProblemKind.ParamsParameter), 1)]
    [InlineData("public static Task<int> M() => Task.FromResult(1)", "JG0002", nameof(JobProblemKind.InvalidReturnType), -1)]
    [InlineData("public static int M() => 1", "JG0002", nameof(JobProblemKind.InvalidReturnType), -1)]
    [InlineData("public static async void M() => await Task.Yield()", "JG0002", nameof(JobProblemKind.AsyncVoid), -1)]
    [InlineData("private static void M() { }", "JG0002", nameof(JobProblemKind.Inaccessible), -1)]
    public void InvalidJobs_ReportTheProblem(string method, string id, string kindName, int parameterIndex)
    {
        var kind = Enum.Parse<JobProblemKind>(kindName);
        var result = ParseJob(method.Contains("=>", StringComparison.Ordinal) ? method + ";" : method + " { }");

        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems, p => p.Kind == kind);
        Assert.Equal(id, problem.Id);
        Assert.Equal(parameterIndex, problem.ParameterIndex);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Fact]
    public void MissingMessagePackObject_PointsAtTheTypeForTheCodeFix()
    {
        var problem = ParseJob("public static void M(Deep x) { }").Problems.Single();
        Assert.Equal("Inner", problem.Symbol?.Name);
        Assert.Contains("Deep.Items", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("InGeneric", nameof(JobProblemKind.GenericContainingType))]
    [InlineData("Abstract", nameof(JobProblemKind.AbstractMethod))]
    [InlineData("Run", nameof(JobProblemKind.NoPublicConstructor))]
    [InlineData("Required", nameof(JobProblemKind.NoPublicConstructor))]
    public void InvalidContainingTypes_AreReported(string method, string kindName)
    {
        var kind = Enum.Parse<JobProblemKind>(kindName);
        var compilation = GeneratorHarness.CreateCompilation("P", DocumentationMode.None, Header);
        var symbol = compilation.GetSymbolsWithName(method, SymbolFilter.Member, TestContext.Current.CancellationToken).OfType<IMethodSymbol>().Single();
        var result = JobParser.Parse(symbol, JobParser.FindAttribute(symbol)!, TestContext.Current.CancellationToken);
        Assert.Contains(result.Problems, p => p.Kind == kind && p.Id == JobProblemIds.InvalidSignature);
    }

    [Fact]
    public void ValidJob_HasModelIdAndNoProblems()
    {
        var result = ParseJob("public static Task M(int a, string? b = null, CancellationToken ct = default) => Task.CompletedTask;");

        Assert.True(result.IsValid);
        Assert.Empty(result.Problems);
        Assert.Equal("P.Jobs.M", result.JobId);
        Assert.Equal(result.JobId, result.Job!.JobId);
        Assert.True(result.Job.AcceptsCancellationToken);
        Assert.Equal(["a", "b", "ct"], result.Job.Parameters.Select(p => p.Name));
        Assert.Equal("null", result.Job.Parameters[1].DefaultValue);
    }

    [Fact]
    public void ExplicitIdAndOptions_AreRead_AndInvalidOptionsReported()
    {
        var valid = ParseJob("public static void M() { }", attribute: "[BackgroundJob(\"x.y\", Queue = \"q\", MaxAttempts = 2, TimeoutSeconds = 9)]");
        Assert.Equal(("x.y", "q", 2, 9), (valid.Job!.JobId, valid.Job.Queue, valid.Job.MaxAttempts, valid.Job.TimeoutSeconds));

        var invalid = ParseJob("public static void M() { }", attribute: "[BackgroundJob(\" \", MaxAttempts = 0)]");
        Assert.Contains(invalid.Problems, p => p.Kind == JobProblemKind.InvalidJobId);
        Assert.Contains(invalid.Problems, p => p.Kind == JobProblemKind.InvalidAttributeValue);
        Assert.Equal("P.Jobs.M", invalid.JobId);
    }

    [Fact]
    public void DuplicateIds_AreGrouped()
    {
        var groups = JobParser.FindDuplicateIds(new[] { ("a", 1), ("b", 2), ("a", 3), ("c", 4), ("c", 5), ("c", 6) });
        Assert.Equal(["a", "c"], groups.Select(g => g.JobId));
        Assert.Equal([1, 3], groups[0].Jobs);
        Assert.Equal([4, 5, 6], groups[1].Jobs);
    }

    private static JobParseResult ParseJob(string method, string attribute = "[BackgroundJob]")
    {
        var source = Header + $"public static class Jobs {{ {attribute} {method} }}";
        var compilation = GeneratorHarness.CreateCompilation("P", DocumentationMode.None, source);
        var symbol = compilation.GetTypeByMetadataName("P.Jobs")!.GetMembers("M").OfType<IMethodSymbol>().Single();
        return JobParser.Parse(symbol, JobParser.FindAttribute(symbol)!, TestContext.Current.CancellationToken);
    }
}
