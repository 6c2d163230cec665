using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace JobGen.Analyzers.Jobs;

/// <summary>What the analyzers need to know about one valid job: its id and its payload arguments.</summary>
internal sealed class JobDescription
{
    public JobDescription(string jobId, ImmutableArray<PayloadArgument> arguments, bool acceptsCancellationToken, bool acceptsJobContext, string? schedule = null)
    {
        Schedule = schedule;
        JobId = jobId;
        Arguments = arguments;
        AcceptsCancellationToken = acceptsCancellationToken;
        AcceptsJobContext = acceptsJobContext;
    }

    /// <summary>The stable job id (explicit, or the generator's default).</summary>
    public string JobId { get; }

    /// <summary>The payload arguments in order (no CancellationToken or JobContext).</summary>
    public ImmutableArray<PayloadArgument> Arguments { get; }

    public bool AcceptsCancellationToken { get; }

    public bool AcceptsJobContext { get; }

    /// <summary>The job's valid <c>[Recurring]</c> schedule as the manifest records it (<c>"cron" Zone [skip]</c>), or null.</summary>
    public string? Schedule { get; }
}

/// <summary>One payload argument: the manifest records its name, type and default.</summary>
internal sealed class PayloadArgument
{
    public PayloadArgument(string name, string typeName, string? defaultValue)
    {
        Name = name;
        TypeName = typeName;
        DefaultValue = defaultValue;
    }

    public string Name { get; }

    /// <summary>The C# type without <c>global::</c> (for example <c>System.Collections.Generic.List&lt;int&gt;</c>).</summary>
    public string TypeName { get; }

    /// <summary>The default value as a C# expression, or null when the argument has none.</summary>
    public string? DefaultValue { get; }
}

/// <summary>One reason a <c>[BackgroundJob]</c> method is not a valid job (JG0001/JG0002), from the shared parser.</summary>
internal sealed class JobIssue
{
    public JobIssue(DiagnosticDescriptor descriptor, string message, Location location, ImmutableDictionary<string, string?> properties)
    {
        Descriptor = descriptor;
        Message = message;
        Location = location;
        Properties = properties;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public string Message { get; }

    public Location Location { get; }

    /// <summary>For code fixes: <c>Kind</c> (the parser's reason) and, when a user type is at fault, <c>Type</c>.</summary>
    public ImmutableDictionary<string, string?> Properties { get; }
}

/// <summary>The result of inspecting one <c>[BackgroundJob]</c> method: a job, or the issues that stop it being one.</summary>
internal sealed class JobInspection
{
    public JobInspection(string jobId, JobDescription? job, ImmutableArray<JobIssue> issues)
    {
        JobId = jobId;
        Job = job;
        Issues = issues;
    }

    /// <summary>The job id, known even when the method is not a valid job.</summary>
    public string JobId { get; }

    public JobDescription? Job { get; }

    public ImmutableArray<JobIssue> Issues { get; }
}
