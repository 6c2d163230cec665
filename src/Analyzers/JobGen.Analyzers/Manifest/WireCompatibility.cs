using System.Collections.Generic;

namespace JobGen.Analyzers.Manifest;

/// <summary>
/// Type changes of a shipped argument that old payloads survive, because the generated reader of the new type reads
/// the old type's encoding (docs/wire-format-arguments.md): integer widening (MessagePack readers accept any integer
/// form whose value fits), <c>float</c> → <c>double</c>, <c>Half</c> → <c>float</c>/<c>double</c>, and a value type
/// becoming nullable. The reverse directions narrow: a queued value may not fit, or a queued nil cannot be read.
/// </summary>
internal static class WireCompatibility
{
    private static readonly Dictionary<string, string[]> Widenings = new()
    {
        ["sbyte"] = new[] { "short", "int", "long" },
        ["byte"] = new[] { "short", "ushort", "int", "uint", "long", "ulong" },
        ["short"] = new[] { "int", "long" },
        ["ushort"] = new[] { "int", "uint", "long", "ulong" },
        ["int"] = new[] { "long" },
        ["uint"] = new[] { "long", "ulong" },
        ["float"] = new[] { "double" },
        ["System.Half"] = new[] { "float", "double" },
    };

    /// <summary>Value types whose nullability changes the payload a reader accepts (a nil is valid only for <c>T?</c>).</summary>
    private static readonly HashSet<string> ValueTypes = new()
    {
        "bool", "byte", "sbyte", "short", "ushort", "int", "uint", "long", "ulong", "float", "double", "char", "decimal",
        "System.Guid", "System.DateTime", "System.DateTimeOffset", "System.TimeSpan", "System.DateOnly", "System.TimeOnly",
        "System.Int128", "System.UInt128", "System.Half",
    };

    /// <summary>
    /// How an argument's type changed from <paramref name="shipped"/> to <paramref name="current"/> (types as written in
    /// the manifest): null when the wire type is the same, else (breaking?, description).
    /// </summary>
    public static (bool Breaking, string What)? Compare(string shipped, string current)
    {
        var was = Normalize(shipped);
        var now = Normalize(current);
        var wasNullable = was.EndsWith("?") && ValueTypes.Contains(was.TrimEnd('?'));
        var nowNullable = now.EndsWith("?") && ValueTypes.Contains(now.TrimEnd('?'));
        var wasCore = was.TrimEnd('?');
        var nowCore = now.TrimEnd('?');
        if (wasCore == nowCore)
        {
            if (wasNullable && !nowNullable)
            {
                return (true, $"was narrowed from {shipped} to {current} (a queued null would not decode)");
            }

            return null; // same, or a value type made nullable, or a reference type's annotation
        }

        if (Widenings.TryGetValue(wasCore, out var wider) && System.Array.IndexOf(wider, nowCore) >= 0)
        {
            return wasNullable && !nowNullable
                ? (true, $"was narrowed from {shipped} to {current} (a queued null would not decode)")
                : (false, $"was widened from {shipped} to {current}");
        }

        if (Widenings.TryGetValue(nowCore, out var widerThanNow) && System.Array.IndexOf(widerThanNow, wasCore) >= 0)
        {
            return (true, $"was narrowed from {shipped} to {current} (a queued value may not fit)");
        }

        return (true, $"changed type from {shipped} to {current}");
    }

    private static string Normalize(string type) => type.Replace(" ", string.Empty);
}
