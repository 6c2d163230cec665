namespace JobGen.Generator.Tests;

/// <summary>
/// The formatters of DateOnly, TimeOnly, Int128/UInt128, Half, Uri, Version, ImmutableArray&lt;T&gt; and a positional
/// record: one approved snapshot, which also compiles with zero diagnostics and no reflection.
/// </summary>
public sealed class NewerTypesSnapshotTests
{
    private const string Source = """
        using System;
        using System.Collections.Immutable;
        using System.Threading;
        using JobGen;
        using MessagePack;

        namespace Sample.App;

        /// <summary>A receipt.</summary>
        /// <param name="Day">The day.</param>
        /// <param name="Lines">Its lines.</param>
        [MessagePackObject]
        public sealed record Receipt([property: Key(0)] DateOnly Day, [property: Key(1)] ImmutableArray<string> Lines);

        /// <summary>Jobs.</summary>
        public static class ReportJobs
        {
            /// <summary>Job.</summary>
            [BackgroundJob("reports.daily")]
            public static void Daily(DateOnly day, TimeOnly at, Int128 big, UInt128 ubig, Half ratio, Uri link, Version? version, ImmutableArray<int> ids, Receipt receipt, DateOnly? until, CancellationToken ct) { }
        }
        """;

    [Fact]
    public void NewerArgumentTypes()
    {
        var result = GeneratorHarness.Run("Sample.App", Source);

        var problems = GeneratorHarness.Problems(result.Compilation);
        Assert.True(problems.Count == 0, "The generated code does not compile cleanly:\n" + string.Join("\n", problems) + "\n\n" + result.SnapshotText);
        Assert.DoesNotContain("System.Reflection", result.SnapshotText, StringComparison.Ordinal);
        Snapshot.Verify("NewerArgumentTypes", result.SnapshotText);
    }
}
