namespace JobGen;

/// <summary>One job of the catalog: what the generator knew about it at compile time.</summary>
/// <param name="Job">The stable job id.</param>
/// <param name="Queue">The default queue.</param>
/// <param name="MaxAttempts">Attempts before the job dies.</param>
/// <param name="TimeoutSeconds">Per-run timeout, 0 for none.</param>
/// <param name="DeclaringType">The containing type, fully qualified.</param>
/// <param name="Method">The method name.</param>
/// <param name="Parameters">The payload's arguments in order (no CancellationToken or JobContext).</param>
public sealed record JobDescriptor(
    string Job,
    string Queue,
    int MaxAttempts,
    int TimeoutSeconds,
    string DeclaringType,
    string Method,
    IReadOnlyList<JobParameterDescriptor> Parameters);

/// <summary>One argument of a job: its name and its C# type as written in generated code.</summary>
public sealed record JobParameterDescriptor(string Name, string Type)
{
    /// <summary>Marked <c>[Sensitive]</c>: encrypted in the payload, shown as <c>[sensitive]</c> by tools.</summary>
    public bool Sensitive { get; init; }
}
