using System.Diagnostics;
using JobGen.Benchmarks.Worker;

namespace JobGen.Benchmarks.E2e;

/// <summary>
/// Which worker process a workload starts: the Native AOT binary (how JobGen workers ship; its lines are
/// <c>drain</c>, <c>latency</c>) or this program again on the JIT (<c>drain_jit</c>, <c>latency_jit</c>).
/// Both run the same code, tests/JobGen.Benchmarks.Worker.
/// </summary>
public sealed record WorkerBinary(string Name, string? Executable)
{
    public static WorkerBinary Jit { get; } = new("jit", null);

    public static WorkerBinary Aot(string executable) => new("aot", executable);

    public bool IsNativeAot => Executable is not null;

    /// <summary>The suffix of this worker's result lines: none for the shipped (AOT) configuration.</summary>
    public string LineSuffix => IsNativeAot ? "" : "_jit";

    public ProcessStartInfo StartInfo(WorkerProcessOptions options)
    {
        if (Executable is null)
        {
            // The AOT worker has its gen0 cap baked in; the JIT worker gets the same one from its environment
            // (unless the caller's environment already sets it, which then applies to both).
            var jit = SelfProcess.StartInfo(["worker", .. options.ToArgs()]);
            var (name, value) = WorkerGc.EnvironmentVariable;
            if (Environment.GetEnvironmentVariable(name) is null)
            {
                jit.Environment[name] = value;
            }

            return jit;
        }

        var start = new ProcessStartInfo(Executable) { UseShellExecute = false };
        foreach (var a in options.ToArgs())
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }
}
