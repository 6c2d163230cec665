namespace JobGen.Generator.Parsing;

/// <summary>
/// A valid job, as the generator emits it. Only strings, numbers, bools, enums and
/// <see cref="EquatableArray{T}"/>: no symbols, syntax or locations, so it caches across edits.
/// </summary>
/// <param name="JobId">The stable job id (explicit, or the default <c>Namespace.Type.Method</c>).</param>
/// <param name="Queue">Default queue from the attribute.</param>
/// <param name="MaxAttempts">Attempts from the attribute.</param>
/// <param name="TimeoutSeconds">Per-run timeout from the attribute, 0 for none.</param>
/// <param name="ContainingTypeName">The innermost containing type's simple name (<c>WelcomeJobs</c>).</param>
/// <param name="ContainingTypeDisplayName">Namespace and types joined by '.' (<c>MyApp.Outer.WelcomeJobs</c>).</param>
/// <param name="ContainingTypeFullName">The <c>global::</c> name used in generated code.</param>
/// <param name="MethodName">The job method's name.</param>
/// <param name="IsStatic">Static jobs are called directly; instance jobs construct their class per run.</param>
/// <param name="ReturnKind">How the call is awaited.</param>
/// <param name="IsPublic">Whether the generated enqueue API can be public (else internal).</param>
/// <param name="Parameters">Every method parameter in order, payload arguments and worker-supplied ones.</param>
/// <param name="ConstructorParameters">Instance jobs: the parameters of the constructor the dispatcher calls.</param>
/// <param name="DisposeKind">Instance jobs: how the instance is disposed after the run.</param>
/// <param name="ArgumentTypes">Every type the argument formatters need (closure), sorted by name (Ordinal).</param>
/// <param name="Recurring">The job's valid <c>[Recurring]</c> schedule, or null (none, or one the analyzers report).</param>
/// <param name="FlowControl">The job's valid expiry and <c>[UniqueJob]</c> options, or null (none, or ones the analyzers report).</param>
/// <param name="Priority">The attribute's <c>Priority</c>, 0 when not set (then no priority header is emitted).</param>
internal sealed record JobModel(
    string JobId,
    string Queue,
    int MaxAttempts,
    int TimeoutSeconds,
    string ContainingTypeName,
    string ContainingTypeDisplayName,
    string ContainingTypeFullName,
    string MethodName,
    bool IsStatic,
    JobReturnKind ReturnKind,
    bool IsPublic,
    EquatableArray<JobParameterModel> Parameters,
    EquatableArray<ConstructorParameterModel> ConstructorParameters,
    JobDisposeKind DisposeKind,
    EquatableArray<ArgumentTypeModel> ArgumentTypes,
    RecurringModel? Recurring = null,
    FlowControlModel? FlowControl = null,
    int Priority = 0)
{
    /// <summary>Whether the method accepts a <c>CancellationToken</c> (JG0004 reports jobs that do not).</summary>
    public bool AcceptsCancellationToken
    {
        get
        {
            foreach (var p in Parameters)
            {
                if (p.Role == JobParameterRole.CancellationToken)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>One parameter of a job method.</summary>
/// <param name="Name">The parameter name as declared (no '@').</param>
/// <param name="TypeName">The <c>global::</c> type with nullable annotations, for generated signatures.</param>
/// <param name="FormatterTypeName">The key of its <see cref="ArgumentTypeModel"/> (top-level '?' of reference types dropped); empty for worker-supplied parameters.</param>
/// <param name="Role">Payload argument, or supplied by the worker.</param>
/// <param name="DefaultValue">A C# expression of the declared default value, or null when it has none.</param>
/// <param name="IsSensitive">Marked <c>[Sensitive]</c>: encrypted on the wire (docs/security.md).</param>
internal sealed record JobParameterModel(
    string Name,
    string TypeName,
    string FormatterTypeName,
    JobParameterRole Role,
    string? DefaultValue,
    bool IsSensitive = false);

/// <summary>Where a job parameter's value comes from.</summary>
internal enum JobParameterRole
{
    /// <summary>Part of the payload: written by Enqueue, read by the dispatcher.</summary>
    Argument,

    /// <summary>The worker's token for the run.</summary>
    CancellationToken,

    /// <summary><c>new JobContext(envelope)</c>.</summary>
    JobContext,
}

/// <summary>What the job method returns.</summary>
internal enum JobReturnKind
{
    Void,
    Task,
    ValueTask,
}

/// <summary>How an instance job's object is disposed after its run.</summary>
internal enum JobDisposeKind
{
    None,
    Disposable,
    AsyncDisposable,
}

/// <summary>One constructor parameter of an instance job's class, resolved from DI.</summary>
/// <param name="Name">The parameter name (for documentation only).</param>
/// <param name="TypeName">The <c>global::</c> type with nullable annotations.</param>
/// <param name="IsOptional">It has a default value: resolved with GetService, falling back to the default.</param>
/// <param name="IsReferenceType">Reference types (or annotated nullable ones) can fall back on null.</param>
/// <param name="DefaultValue">The C# default expression for optional parameters.</param>
/// <param name="AllowsNull">The type is annotated nullable: GetService (may be null) instead of GetRequiredService.</param>
internal sealed record ConstructorParameterModel(
    string Name,
    string TypeName,
    bool IsOptional,
    bool IsReferenceType,
    string? DefaultValue,
    bool AllowsNull);

/// <summary>A <c>[Recurring]</c> schedule on a job whose arguments all have defaults.</summary>
/// <param name="Cron">The cron expression (syntax checked by <see cref="CronSyntax"/>).</param>
/// <param name="TimeZone">An IANA id from <see cref="IanaTimeZones"/>.</param>
/// <param name="MissedTicks">The <c>MissedTicks</c> value (0 run once, 1 skip).</param>
internal sealed record RecurringModel(string Cron, string TimeZone, int MissedTicks);
