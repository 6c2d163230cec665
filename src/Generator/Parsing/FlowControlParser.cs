using System.Linq;
using Microsoft.CodeAnalysis;

namespace JobGen.Generator.Parsing;

/// <summary>
/// Reads a job's flow-control options (docs/flow-control.md): <c>ExpiresAfterSeconds</c> on <c>[BackgroundJob]</c> and
/// <c>[UniqueJob]</c>. The generator keeps only valid values; the analyzers report the rest (JG0023) with <see cref="Read"/>.
/// </summary>
internal static class FlowControlParser
{
    /// <summary><c>UniqueUntil.LockExpires</c>: the lock lives exactly its span, so it needs one.</summary>
    public const int UntilLockExpires = 2;

    /// <summary>The method's <c>[UniqueJob]</c> attribute, or null.</summary>
    public static AttributeData? FindUniqueAttribute(IMethodSymbol method) =>
        method.GetAttributes().FirstOrDefault(a => SymbolNames.Is(a.AttributeClass, "JobGen", "UniqueJobAttribute"));

    /// <summary>The values as written: the expiry (0 none), and the unique lock's lifetime and span, if unique.</summary>
    public static (int ExpiresAfterSeconds, bool Unique, int Until, int LockSeconds) Read(IMethodSymbol method, AttributeData backgroundJob)
    {
        var expires = 0;
        foreach (var named in backgroundJob.NamedArguments)
        {
            if (named.Key == "ExpiresAfterSeconds" && named.Value.Value is int seconds)
            {
                expires = seconds;
            }
        }

        if (FindUniqueAttribute(method) is not { } unique)
        {
            return (expires, false, 0, 0);
        }

        int until = 1, lockSeconds = 0; // UniqueUntil.Succeeded, no span
        foreach (var named in unique.NamedArguments)
        {
            switch (named.Key)
            {
                case "Until" when named.Value.Value is byte value:
                    until = value;
                    break;
                case "Until" when named.Value.Value is int value:
                    until = value;
                    break;
                case "LockSeconds" when named.Value.Value is int value:
                    lockSeconds = value;
                    break;
            }
        }

        return (expires, true, until, lockSeconds);
    }

    /// <summary>What a valid attribute set asks for, or a sentence saying what is wrong (JG0023).</summary>
    public static string? Validate(int expiresAfterSeconds, bool unique, int until, int lockSeconds)
    {
        if (expiresAfterSeconds < 0)
        {
            return $"ExpiresAfterSeconds is {expiresAfterSeconds}: give a positive number of seconds, or 0 for a job that never expires";
        }

        if (!unique)
        {
            return null;
        }

        if (until is < 0 or > UntilLockExpires)
        {
            return $"[UniqueJob] has an unknown Until value {until}";
        }

        if (lockSeconds < 0)
        {
            return $"[UniqueJob] has LockSeconds {lockSeconds}: give a positive number of seconds, or 0 for no upper bound";
        }

        return until == UntilLockExpires && lockSeconds == 0
            ? "[UniqueJob(Until = UniqueUntil.LockExpires)] needs LockSeconds: the lock lives exactly that span"
            : null;
    }

    /// <summary>The options to emit, or null when the job has none or they are invalid.</summary>
    public static FlowControlModel? Parse(IMethodSymbol method, AttributeData backgroundJob)
    {
        var (expires, unique, until, lockSeconds) = Read(method, backgroundJob);
        if ((expires == 0 && !unique) || Validate(expires, unique, until, lockSeconds) is not null)
        {
            return null;
        }

        return new FlowControlModel(expires, unique, until, lockSeconds);
    }
}

/// <summary>A job's valid flow-control options.</summary>
/// <param name="ExpiresAfterSeconds">Seconds after the due time when the job expires; 0 for never.</param>
/// <param name="Unique">Whether the job carries <c>[UniqueJob]</c>.</param>
/// <param name="UniqueUntil">The <c>UniqueUntil</c> value.</param>
/// <param name="UniqueLockSeconds">The lock's span, 0 for none.</param>
internal sealed record FlowControlModel(int ExpiresAfterSeconds, bool Unique, int UniqueUntil, int UniqueLockSeconds);
