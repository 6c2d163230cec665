using System.Reflection;

namespace JobGen.Generator.Tests;

/// <summary>
/// Compares generated text with the approved <c>Snapshots/{name}.verified.cs</c>. On a mismatch, or when the
/// verified file is missing, it writes <c>{name}.received.cs</c> beside it and fails. It never approves by itself:
/// set <c>JOBGEN_ACCEPT_SNAPSHOTS=1</c> to write the verified files (then review the diff and commit them).
/// </summary>
internal static class Snapshot
{
    public static void Verify(string name, string actual)
    {
        var directory = Path.Combine(ProjectDirectory(), "Snapshots");
        Directory.CreateDirectory(directory);
        var verified = Path.Combine(directory, name + ".verified.cs");
        var received = Path.Combine(directory, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        if (Environment.GetEnvironmentVariable("JOBGEN_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        if (!File.Exists(verified))
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"No approved snapshot {verified}. Review {received}, then rename it to .verified.cs (or run with JOBGEN_ACCEPT_SNAPSHOTS=1).");
        }

        var expected = File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail($"Snapshot {name} differs from {verified}; the new output is in {received}.\n{FirstDifference(expected, actual)}");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end>";
            var right = i < a.Length ? a[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1}:\n  verified: {left}\n  received: {right}";
            }
        }

        return "";
    }

    private static string ProjectDirectory() =>
        typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;
}
