using Microsoft.CodeAnalysis;

namespace JobGen.Analyzers;

/// <summary>
/// Every JobGen diagnostic. Help links point at the rule's page in the repository
/// (<c>docs/diagnostics/JGxxxx.md</c> on the main branch), see docs/analyzers.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string HelpBase = "https://github.com/jobgen/jobgen/blob/main/docs/diagnostics/";

    private const string Serialization = "JobGen.Serialization";
    private const string Design = "JobGen.Design";
    private const string Reliability = "JobGen.Reliability";
    private const string Compatibility = "JobGen.Compatibility";

    public static readonly DiagnosticDescriptor NotSerializable = Create(
        DiagnosticIds.NotSerializable, Serialization, DiagnosticSeverity.Error,
        "Job argument cannot be serialized",
        "{0}");

    public static readonly DiagnosticDescriptor InvalidSignature = Create(
        DiagnosticIds.InvalidSignature, Design, DiagnosticSeverity.Error,
        "Invalid job signature",
        "{0}");

    public static readonly DiagnosticDescriptor DuplicateId = Create(
        DiagnosticIds.DuplicateId, Design, DiagnosticSeverity.Error,
        "Duplicate job id",
        "{0}",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor NoCancellationToken = Create(
        DiagnosticIds.NoCancellationToken, Reliability, DiagnosticSeverity.Info,
        "Job does not accept a CancellationToken",
        "Job '{0}' does not accept a CancellationToken, so shutdown and timeouts cannot stop it; add a CancellationToken parameter and pass it on");

    public static readonly DiagnosticDescriptor NonIdempotent = Create(
        DiagnosticIds.NonIdempotent, Reliability, DiagnosticSeverity.Warning,
        "Non-idempotent pattern in a job body",
        "{0} in job '{1}' is not safe to retry: {2}");

    public static readonly DiagnosticDescriptor LargeOrSensitiveArgument = Create(
        DiagnosticIds.LargeOrSensitiveArgument, Design, DiagnosticSeverity.Warning,
        "Large or sensitive job argument",
        "Argument '{0}' of job '{1}' {2}; {3}");

    public static readonly DiagnosticDescriptor JobOnLocalFunction = Create(
        DiagnosticIds.JobOnLocalFunction, Design, DiagnosticSeverity.Error,
        "[BackgroundJob] on a local function or lambda",
        "[BackgroundJob] has no effect on the {0} '{1}': no code is generated for it; move it to a method of a class");

    public static readonly DiagnosticDescriptor EmptyIdempotencyJustification = Create(
        DiagnosticIds.EmptyIdempotencyJustification, Reliability, DiagnosticSeverity.Warning,
        "[IdempotentJob] without a justification",
        "[IdempotentJob] on '{0}' gives no justification; say why a retry is safe, for the reviewer and the next reader");

    public static readonly DiagnosticDescriptor MalformedManifest = Create(
        DiagnosticIds.MalformedManifest, Compatibility, DiagnosticSeverity.Warning,
        "Malformed shipped-jobs manifest line",
        "This line of JobGen.Shipped.txt is not a job entry ({0}), so it protects nothing; write it as id(name:type, name:type=default)",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor BreakingPayloadChange = Create(
        DiagnosticIds.BreakingPayloadChange, Compatibility, DiagnosticSeverity.Error,
        "Breaking change to a shipped job's payload",
        "Shipped job '{0}' {1}, so jobs already in queues would fail after the deploy; keep it compatible, or update JobGen.Shipped.txt once the old jobs have drained",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor NotInManifest = Create(
        DiagnosticIds.NotInManifest, Compatibility, DiagnosticSeverity.Info,
        "Job not recorded in the shipped-jobs manifest",
        "Job '{0}' {1}; record it in JobGen.Shipped.txt when it ships");

    public static readonly DiagnosticDescriptor InvalidCron = Create(
        DiagnosticIds.InvalidCron, Design, DiagnosticSeverity.Error,
        "Invalid cron expression",
        "The schedule of job '{0}' is not a valid cron expression: {1}");

    public static readonly DiagnosticDescriptor UnknownTimeZone = Create(
        DiagnosticIds.UnknownTimeZone, Design, DiagnosticSeverity.Error,
        "Unknown time zone",
        "The time zone '{0}' of job '{1}' is not an IANA time zone id; use one such as \"Europe/Paris\" or \"UTC\"");

    public static readonly DiagnosticDescriptor RecurringWithRequiredArguments = Create(
        DiagnosticIds.RecurringWithRequiredArguments, Design, DiagnosticSeverity.Error,
        "Recurring job with required arguments",
        "Recurring job '{0}' has the required argument '{1}', which no tick can supply; give it a default value, or drop [Recurring] and schedule the job with AddRecurring and a request built with its arguments");

    public static readonly DiagnosticDescriptor InvalidFlowControl = Create(
        DiagnosticIds.InvalidFlowControl, Design, DiagnosticSeverity.Error,
        "Contradictory flow-control options",
        "Job '{0}': {1}");

    public static readonly DiagnosticDescriptor SecretWithoutSensitive = Create(
        DiagnosticIds.SecretWithoutSensitive, Design, DiagnosticSeverity.Info,
        "Secret-looking job argument without [Sensitive]",
        "{0} '{1}' of job '{2}' looks like a secret and is stored in clear text; mark it [Sensitive] to encrypt it (docs/security.md)");

    public static readonly DiagnosticDescriptor SensitiveWithoutEffect = Create(
        DiagnosticIds.SensitiveWithoutEffect, Design, DiagnosticSeverity.Warning,
        "[Sensitive] has no effect here",
        "[Sensitive] on '{0}' has no effect: {1}");

    private static DiagnosticDescriptor Create(
        string id, string category, DiagnosticSeverity severity, string title, string message, params string[] tags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true,
            helpLinkUri: HelpBase + id + ".md", customTags: tags);
}
