using JobGen.Aot.Measure;
using JobGen.Aot.Tests;

// The figures of docs/aot.md, the Native AOT worker against the same worker on the JIT, in one run:
//   dotnet run -c Release --project tests/JobGen.Aot.Measure [-- --out FILE]     (samples/Worker/measure.sh)
// Publishes samples/Worker with Native AOT, builds it framework-dependent, runs each against its own private
// redis-server (WorkerMeasurement) and prints a Markdown table, also written to FILE (default /tmp/jobgen-aot-measure.md).
// Exit 0 with the table, 1 with the reason when a build or a run failed.
var output = "/tmp/jobgen-aot-measure.md";
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--out" && i + 1 < args.Length)
    {
        output = args[++i];
    }
    else
    {
        Console.Error.WriteLine($"measure: unknown option '{args[i]}' (usage: [--out FILE])");
        return 1;
    }
}

var root = FindRoot();
var worker = Path.Combine(root, "samples", "Worker", "Worker.csproj");
var aotDirectory = Directory.CreateTempSubdirectory("jobgen-aot-worker-").FullName;
var jitDirectory = Directory.CreateTempSubdirectory("jobgen-jit-worker-").FullName;
try
{
    // As tests/JobGen.Aot.Tests/PublishedWorker.cs: -r selects the native target, PublishAot comes from the csproj.
    Console.WriteLine("measure: publishing samples/Worker with Native AOT...");
    await RunDotnetAsync(root, ["publish", worker, "-c", "Release", "-r", "linux-x64", "-o", aotDirectory, "--disable-build-servers", "-tl:off", "-nologo"]);
    Console.WriteLine("measure: building samples/Worker for the JIT...");
    await RunDotnetAsync(root, ["build", worker, "-c", "Release", "-o", jitDirectory, "--disable-build-servers", "-tl:off", "-nologo"]);

    var executable = Path.Combine(aotDirectory, "Worker");
    Console.WriteLine("measure: running the Native AOT worker...");
    var aot = await WorkerMeasurement.RunAsync("Native AOT", executable, [], new FileInfo(executable).Length, CancellationToken.None);
    var jitSize = Directory.EnumerateFiles(jitDirectory)
        .Where(f => !f.EndsWith(".pdb", StringComparison.Ordinal) && !f.EndsWith(".xml", StringComparison.Ordinal))
        .Sum(f => new FileInfo(f).Length);
    Console.WriteLine("measure: running the JIT worker...");
    var jit = await WorkerMeasurement.RunAsync("JIT (dotnet Worker.dll)", "dotnet", [Path.Combine(jitDirectory, "Worker.dll")], jitSize, CancellationToken.None);

    var report = MeasurementReport.Format(aot, jit, MeasurementReport.Gen0Cap(Path.Combine(jitDirectory, "Worker.runtimeconfig.json")));
    await File.WriteAllTextAsync(output, report);
    Console.WriteLine();
    Console.Write(report);
    Console.WriteLine($"(also written to {output})");
    return 0;
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine($"measure: {e.Message}");
    return 1;
}
finally
{
    Directory.Delete(aotDirectory, recursive: true);
    Directory.Delete(jitDirectory, recursive: true);
}

static async Task RunDotnetAsync(string root, string[] args)
{
    await using var dotnet = ChildProcess.Start("dotnet", args, workingDirectory: root);
    if (!await dotnet.WaitForExitAsync(TimeSpan.FromMinutes(10)) || dotnet.ExitCode != 0)
    {
        var tail = string.Join(Environment.NewLine, dotnet.Output.Split('\n').TakeLast(60));
        throw new InvalidOperationException($"dotnet {args[0]} failed:{Environment.NewLine}{tail}");
    }
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "JobGen.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException($"JobGen.sln not found above {AppContext.BaseDirectory}.");
}
