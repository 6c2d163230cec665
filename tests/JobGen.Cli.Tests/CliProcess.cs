using System.Diagnostics;
using System.Text.Json;

namespace JobGen.Cli.Tests;

/// <summary>What one run of the tool printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public JsonElement Json() => JsonDocument.Parse(Output).RootElement.Clone();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}--- stderr\n{Error}";
}

/// <summary>Runs the built tool (<c>src/Cli/bin/{configuration}/net10.0/jobgen.dll</c>) as a separate process.</summary>
public static class CliProcess
{
    private static readonly string Dll = Locate();

    public static async Task<CliResult> RunAsync(string? connection, params string[] args) => await RunAsync(connection, environment: null, args);

    public static async Task<CliResult> RunAsync(string? connection, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll);
        if (connection is not null)
        {
            start.ArgumentList.Add("--connection");
            start.ArgumentList.Add(connection);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("JOBGEN_CONNECTION");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var result = new CliResult(process.ExitCode, await output, await error);
        TestContext.Current.TestOutputHelper?.WriteLine($"$ jobgen {string.Join(' ', args)}\n{result}");
        return result;
    }

    private static string Locate()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "src", "Cli", "bin", configuration, "net10.0", "jobgen.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new InvalidOperationException("jobgen.dll not found: build src/Cli first.");
    }
}
