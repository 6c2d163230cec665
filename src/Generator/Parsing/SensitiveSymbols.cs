using Microsoft.CodeAnalysis;

namespace JobGen.Generator.Parsing;

/// <summary>Finds <c>[JobGen.Sensitive]</c> (docs/security.md) on job parameters and argument members.</summary>
internal static class SensitiveSymbols
{
    /// <summary>Whether <paramref name="symbol"/> carries <c>[JobGen.Sensitive]</c>.</summary>
    public static bool IsMarked(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolNames.Is(attribute.AttributeClass, "JobGen", "SensitiveAttribute"))
            {
                return true;
            }
        }

        return false;
    }
}
