using Microsoft.CodeAnalysis;

namespace JobGen.Generator.Parsing;

/// <summary>
/// Why a <c>[BackgroundJob]</c> method is not a valid job. The generator skips such jobs silently; the analyzers
/// report each problem as the diagnostic <see cref="Id"/> says (diagnostics come from analyzers, not from the generator: docs/analyzers.md).
/// </summary>
/// <param name="Id">The diagnostic id: <see cref="JobProblemIds.NotSerializable"/> or <see cref="JobProblemIds.InvalidSignature"/>.</param>
/// <param name="Kind">The precise reason, for code fixes.</param>
/// <param name="Message">A complete sentence naming the parameter/member/type at fault and what to do.</param>
/// <param name="ParameterIndex">The index in <c>method.Parameters</c> of the parameter at fault, or -1 when the method itself is (report on the method name).</param>
/// <param name="Symbol">The symbol at fault when more precise than the parameter (a user type lacking <c>[MessagePackObject]</c>, a member without <c>[Key]</c>), else null. For analyzers and code fixes only: never put it in a generator model.</param>
internal sealed record JobProblem(
    string Id,
    JobProblemKind Kind,
    string Message,
    int ParameterIndex,
    ISymbol? Symbol);

/// <summary>The diagnostic ids of the parser's problems (stable: users suppress and configure them by id).</summary>
internal static class JobProblemIds
{
    /// <summary>An argument (or a member of an argument type, recursively) cannot be serialized.</summary>
    public const string NotSerializable = "JG0001";

    /// <summary>The method cannot be a job: generic, ref/out/in/params, bad return type, unreachable...</summary>
    public const string InvalidSignature = "JG0002";

    /// <summary>Two jobs of one assembly share a job id (found across jobs, see <see cref="JobParser.FindDuplicateIds"/>).</summary>
    public const string DuplicateId = "JG0003";
}

/// <summary>The precise reason of a <see cref="JobProblem"/>.</summary>
internal enum JobProblemKind
{
    // JG0001
    UnsupportedType,
    MissingMessagePackObject,
    StringKeys,
    MemberWithoutKey,
    DuplicateKey,
    NoWayToConstruct,
    InaccessibleArgumentType,

    // JG0002
    GenericMethod,
    GenericContainingType,
    RefKindParameter,
    ParamsParameter,
    InvalidReturnType,
    AsyncVoid,
    AbstractMethod,
    Inaccessible,
    NoPublicConstructor,
    InvalidJobId,
    InvalidAttributeValue,
    UnsupportedContainingType,
}
