using System.Text.RegularExpressions;

namespace JobGen.Aot.Tests;

/// <summary>
/// samples/Worker published once per test run with Native AOT (the PublishAot in its csproj) into a temp
/// directory. The publish output is kept so that one test can fail on its trim/AOT warnings, naming them.
/// </summary>
public sealed partial class PublishedWorker : IAsyncLifetime
{
    /// <summary>A cold machine restores ~310 MB of ILCompiler packs first; warm it takes ~40 s.</summary>
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    private readonly string _directory = Directory.CreateTempSubdirectory("jobgen-aot-worker-").FullName;

    /// <summary>The native executable.</summary>
    public string Executable => Path.Combine(_directory, "Worker");

    /// <summary>The publish command's exit code (-1 when it timed out).</summary>
    public int ExitCode { get; private set; }

    /// <summary>The publish command's whole output.</summary>
    public string Output { get; private set; } = string.Empty;

    /// <summary>Every distinct IL2xxx/IL3xxx warning or error line of the publish output.</summary>
    public IReadOnlyList<string> TrimAndAotDiagnostics => FindTrimAndAotDiagnostics(Output);

    /// <summary>Whether the publish produced the executable.</summary>
    public bool Succeeded => ExitCode == 0 && File.Exists(Executable);

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        // -r selects the native target; PublishAot comes from the csproj. TrimmerSingleWarn=false makes a warning
        // inside a package show the member that caused it, not just "Assembly 'X' produced trim warnings".
        // --disable-build-servers: no MSBuild/compiler server outlives the command and keeps its output pipe open.
        string[] args =
        [
            "publish", RepositoryPaths.WorkerProject, "-c", "Release", "-r", "linux-x64", "-o", _directory,
            "-p:TrimmerSingleWarn=false", "--disable-build-servers", "-tl:off", "-nologo",
        ];
        await using var publish = ChildProcess.Start("dotnet", args, workingDirectory: RepositoryPaths.Root);
        var exited = await publish.WaitForExitAsync(PublishTimeout);
        ExitCode = exited ? publish.ExitCode : -1;
        Output = publish.Output + (exited ? string.Empty : $"{Environment.NewLine}(dotnet publish did not finish within {PublishTimeout.TotalMinutes} minutes)");
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Throws with the publish output when the publish failed, so dependent tests say why.</summary>
    public void EnsureSucceeded()
    {
        if (!Succeeded)
        {
            Assert.Fail($"dotnet publish of samples/Worker failed (exit {ExitCode}):{Environment.NewLine}{Tail(Output, 60)}");
        }
    }

    /// <summary>Every distinct line of <paramref name="output"/> that reports an IL2xxx/IL3xxx warning or error.</summary>
    public static IReadOnlyList<string> FindTrimAndAotDiagnostics(string output) =>
        IlDiagnostic().Matches(output).Select(m => m.Value.Trim()).Distinct(StringComparer.Ordinal).ToList();

    internal static string Tail(string text, int lines) =>
        string.Join(Environment.NewLine, text.Split('\n').TakeLast(lines).Select(l => l.TrimEnd('\r')));

    // MSBuild prints "...: warning IL2026: ..." and ILC "ILC : AOT analysis warning IL3050: ...".
    [GeneratedRegex(@"^.*\b(warning|error)\s+IL[23]\d{3}\b.*$", RegexOptions.Multiline)]
    private static partial Regex IlDiagnostic();
}
