using JobGen.Generator.Parsing;

namespace JobGen.Generator.Emitting;

/// <summary>
/// The calls that write and read a <c>[Sensitive]</c> argument: its own formatter, wrapped by
/// <c>JobGen.SensitiveArguments</c>, which encrypts it under the newest key and decrypts it with any listed key
/// (docs/security.md). Arguments without the attribute keep their plain formatter calls.
/// </summary>
internal static class SensitiveEmitter
{
    /// <summary>The statement that writes argument <paramref name="p"/> of <paramref name="jobId"/> (plain or encrypted).</summary>
    public static string WriteCall(FormatterEmitter formatters, string jobId, JobParameterModel p, string writer, string value)
    {
        var plain = formatters.WriteCall(p.FormatterTypeName, writer, value);
        if (!p.IsSensitive)
        {
            return plain;
        }

        var inner = formatters.WriteCall(p.FormatterTypeName, "w", "v").TrimEnd(';');
        return $"global::JobGen.SensitiveArguments.Write<{p.TypeName}>(ref {writer}, {EmitNames.Literal(jobId)}, {EmitNames.Literal(p.Name)}, {value}, " +
            $"static (ref {EmitNames.Writer} w, {p.TypeName} v) => {inner});";
    }

    /// <summary>The expression that reads argument <paramref name="p"/> of <paramref name="jobId"/> (plain or encrypted).</summary>
    public static string ReadCall(FormatterEmitter formatters, string jobId, JobParameterModel p, string reader)
    {
        if (!p.IsSensitive)
        {
            return formatters.ReadCall(p.FormatterTypeName, reader);
        }

        return $"global::JobGen.SensitiveArguments.Read<{p.TypeName}>(ref {reader}, {EmitNames.Literal(jobId)}, {EmitNames.Literal(p.Name)}, " +
            $"static (ref {EmitNames.Reader} r) => {formatters.ReadCall(p.FormatterTypeName, "r")})";
    }

    /// <summary>The statement that writes member <paramref name="m"/> of <paramref name="typeName"/> (plain or encrypted).</summary>
    public static string WriteMemberCall(FormatterEmitter formatters, string typeName, ArgumentMemberModel m, string writer, string value) =>
        WriteCall(formatters, typeName, new JobParameterModel(m.Name, m.TypeName, m.FormatterTypeName, JobParameterRole.Argument, null, m.IsSensitive), writer, value);

    /// <summary>The expression that reads member <paramref name="m"/> of <paramref name="typeName"/> (plain or encrypted).</summary>
    public static string ReadMemberCall(FormatterEmitter formatters, string typeName, ArgumentMemberModel m, string reader) =>
        ReadCall(formatters, typeName, new JobParameterModel(m.Name, m.TypeName, m.FormatterTypeName, JobParameterRole.Argument, null, m.IsSensitive), reader);

    /// <summary>The descriptor's initializer for a sensitive argument (empty otherwise).</summary>
    public static string DescriptorSuffix(JobParameterModel p) => p.IsSensitive ? " { Sensitive = true }" : "";
}
