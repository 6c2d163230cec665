using Microsoft.CodeAnalysis;

namespace JobGen.Generator.Parsing;

/// <summary>The argument types added after the first list: .NET 6+ scalars, <c>Uri</c>, <c>Version</c> and <c>ImmutableArray&lt;T&gt;</c>.</summary>
internal sealed partial class ArgumentTypeCollector
{
    /// <summary>Adds <paramref name="type"/> when it is one of these types; null when it is not.</summary>
    private bool? AddNewerType(ITypeSymbol type, string name, string where)
    {
        if (type.ContainingNamespace?.ToDisplayString() == "System" && type is INamedTypeSymbol { ContainingType: null, Arity: 0 })
        {
            ArgumentTypeKind? kind = type.Name switch
            {
                "DateOnly" => ArgumentTypeKind.DateOnly,
                "TimeOnly" => ArgumentTypeKind.TimeOnly,
                "Int128" => ArgumentTypeKind.Int128,
                "UInt128" => ArgumentTypeKind.UInt128,
                "Half" => ArgumentTypeKind.Half,
                "Uri" => ArgumentTypeKind.Uri,
                "Version" => ArgumentTypeKind.Version,
                _ => null,
            };
            if (kind is { } found)
            {
                return Done(name, found, type.IsValueType);
            }
        }

        if (SymbolNames.Is(type, "System.Collections.Immutable", "ImmutableArray", 1))
        {
            return Element(name, ArgumentTypeKind.ImmutableArray, true, ((INamedTypeSymbol)type).TypeArguments[0], where);
        }

        return null;
    }
}
