using System.Diagnostics;
using System.Text;

namespace JobGen.Generator.Tests;

/// <summary>A large project: 200 jobs in 20 classes (including 20-way method-name collisions) still generate clean code.</summary>
public sealed class ScaleTests(ITestOutputHelper output)
{
    [Fact]
    public void TwoHundredJobs_GenerateAndCompileCleanly()
    {
        var source = new StringBuilder("using System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing JobGen;\nnamespace Big;\n");
        for (var c = 0; c < 20; c++)
        {
            source.Append("/// <summary>C.</summary>\npublic static class Jobs").Append(c).Append("\n{\n");
            for (var m = 0; m < 10; m++)
            {
                source.Append("    /// <summary>M.</summary>\n    [BackgroundJob] public static Task Job").Append(m)
                    .Append("(int id, string name, List<long> values, CancellationToken ct) => Task.CompletedTask;\n");
            }

            source.Append("}\n");
        }

        var watch = Stopwatch.StartNew();
        var result = GeneratorHarness.Run("Big", source.ToString());
        var generate = watch.Elapsed;
        var problems = GeneratorHarness.Problems(result.Compilation);
        var total = watch.Elapsed;

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
        var text = result.Sources.Single().Text;
        Assert.Equal(200, CountOf(text, "public static global::System.Threading.Tasks.ValueTask<string> Enqueue"));
        Assert.Contains("EnqueueJobs19Job9Async", text, StringComparison.Ordinal);
        output.WriteLine($"200 jobs: generator run {generate.TotalSeconds:F2}s, generated {text.Length / 1024} KiB, full compile with diagnostics {total.TotalSeconds:F2}s");
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
