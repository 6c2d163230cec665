namespace JobGen.Analyzers;

/// <summary>The rule ids (part of the product: never renumber). Shared with the code fixes.</summary>
internal static class DiagnosticIds
{
    public const string NotSerializable = "JG0001";
    public const string InvalidSignature = "JG0002";
    public const string DuplicateId = "JG0003";
    public const string NoCancellationToken = "JG0004";
    public const string NonIdempotent = "JG0005";
    public const string LargeOrSensitiveArgument = "JG0006";
    public const string JobOnLocalFunction = "JG0007";
    public const string EmptyIdempotencyJustification = "JG0008";
    public const string MalformedManifest = "JG0009";
    public const string BreakingPayloadChange = "JG0010";
    public const string NotInManifest = "JG0011";
    public const string InvalidCron = "JG0012";
    public const string UnknownTimeZone = "JG0013";
    public const string RecurringWithRequiredArguments = "JG0014";
    public const string InvalidFlowControl = "JG0023";

    public const string SecretWithoutSensitive = "JG0015";
    public const string SensitiveWithoutEffect = "JG0016";
}
