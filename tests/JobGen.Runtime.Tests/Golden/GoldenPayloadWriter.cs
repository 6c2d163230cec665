using System.Runtime.CompilerServices;

namespace JobGen.Runtime.Tests.Golden;

/// <summary>
/// Wrote the golden payload files of format version 1 with that version's writers. Explicit: it never runs in the
/// suite, because the files are the format's record and must not follow the code. Run it by hand only to add a file
/// for a new case (never to rewrite an existing one): <c>dotnet test --project tests/JobGen.Runtime.Tests -- --filter-method *Write_golden_payload_files* --explicit only</c>.
/// </summary>
public sealed class GoldenPayloadWriter
{
    [Fact(Explicit = true)]
    public void Write_golden_payload_files()
    {
        var folder = Folder();
        foreach (var (name, envelope) in GoldenCases.Envelopes)
        {
            WriteOnce(Path.Combine(folder, name + ".bin"), EnvelopeSerializer.Serialize(envelope));
        }

        foreach (var (name, dead) in GoldenCases.DeadJobs)
        {
            WriteOnce(Path.Combine(folder, name + ".bin"), dead.Serialize());
        }
    }

    private static void WriteOnce(string path, byte[] bytes)
    {
        if (!File.Exists(path))
        {
            File.WriteAllBytes(path, bytes);
        }
    }

    private static string Folder([CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;
}
