using System;
using Microsoft.CodeAnalysis;

namespace JobGen.Analyzers.Idempotency;

/// <summary>Cheap checks of a type by name, for framework types the compilation may not reference (EF Core, HttpClient).</summary>
internal static class TypeNames
{
    /// <summary>Whether <paramref name="type"/> is <c>ns.name</c> (generic arity ignored).</summary>
    public static bool Is(ITypeSymbol? type, string ns, string name) =>
        type is not null && type.Name == name && type.ContainingNamespace?.ToDisplayString() == ns;

    /// <summary>Whether the type or one of its base classes has the simple name <paramref name="name"/>.</summary>
    public static bool IsOrDerivesFromName(ITypeSymbol? type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the type is <c>ns.name</c> or derives from it.</summary>
    public static bool IsOrDerivesFrom(ITypeSymbol? type, string ns, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Is(current, ns, name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a constant is a string that mentions an idempotency key ("Idempotency-Key", "idempotency-key"...).</summary>
    public static bool MentionsIdempotencyKey(Optional<object?> constant) =>
        constant.HasValue && constant.Value is string text
        && text.IndexOf("idempotency", StringComparison.OrdinalIgnoreCase) >= 0;
}
