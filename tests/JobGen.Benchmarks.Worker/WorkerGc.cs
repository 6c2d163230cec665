namespace JobGen.Benchmarks.Worker;

/// <summary>
/// The worker's gen0 budget (docs/performance.md "Worker memory"). Workstation GC sizes gen0 from the CPU's cache
/// (80 MB on this Xeon), so a drain allocating ~1 KB a job grows the heap by tens of MB before its first GC. The AOT
/// worker bakes the cap in through <c>RuntimeHostConfigurationOption System.GC.Gen0MaxBudget</c> (its csproj); the
/// harness gives the JIT worker the same cap as <c>DOTNET_GCGen0MaxBudget</c>, so the two differ only by the runtime.
/// </summary>
public static class WorkerGc
{
    /// <summary>The cap, in bytes; tests/JobGen.Benchmarks.AotWorker's csproj holds the same number.</summary>
    public const long Gen0MaxBudget = 4 * 1024 * 1024;

    /// <summary>The environment variable that sets it for a JIT process (hexadecimal, no <c>0x</c>: Native AOT rejects the prefix).</summary>
    public static KeyValuePair<string, string> EnvironmentVariable => new("DOTNET_GCGen0MaxBudget", Gen0MaxBudget.ToString("x", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The budget cap the GC of this process actually runs with (its default when nothing set it).</summary>
    public static long EffectiveGen0MaxBudget() =>
        GC.GetConfigurationVariables().TryGetValue("GCGen0MaxBudget", out var value) ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : -1;
}
