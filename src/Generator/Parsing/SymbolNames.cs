using System;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace JobGen.Generator.Parsing;

/// <summary>How the parser turns symbols into the strings the models hold.</summary>
internal static class SymbolNames
{
    /// <summary><c>global::</c> names, keywords for special types, nullable annotations kept.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// The annotated type as written in generated signatures. A reference type from a nullable-oblivious
    /// context is shown as nullable: generated code is <c>#nullable enable</c> and must accept the nulls such
    /// code may pass (e.g. <c>string note = null</c>).
    /// </summary>
    public static string TypeName(ITypeSymbol type) =>
        (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.None
            ? type.WithNullableAnnotation(NullableAnnotation.Annotated)
            : type).ToDisplayString(TypeFormat);

    /// <summary>The formatter key: the top-level '?' of a reference type dropped (nested annotations kept).</summary>
    public static string FormatterName(ITypeSymbol type) =>
        (type.IsReferenceType ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated) : type).ToDisplayString(TypeFormat);

    /// <summary>Whether the type is <paramref name="ns"/>.<paramref name="name"/> with <paramref name="arity"/> type parameters.</summary>
    public static bool Is(ITypeSymbol? type, string ns, string name, int arity = 0) =>
        type is INamedTypeSymbol named
        && named.Name == name
        && named.Arity == arity
        && named.ContainingType is null
        && named.ContainingNamespace?.ToDisplayString() == ns;

    /// <summary>
    /// The default job id: namespace, containing types (outermost first) and method, joined by '.', with no
    /// <c>global::</c>, generic arity or assembly noise, so it is the same on every build and machine.
    /// </summary>
    public static string DefaultJobId(IMethodSymbol method)
    {
        var sb = new StringBuilder();
        sb.Append(DisplayName(method.ContainingType));
        sb.Append('.').Append(method.Name);
        return sb.ToString();
    }

    /// <summary><c>Namespace.Outer.Inner</c>, or <c>Outer.Inner</c> in the global namespace.</summary>
    public static string DisplayName(INamedTypeSymbol type)
    {
        var sb = new StringBuilder();
        var ns = type.ContainingNamespace;
        if (ns is { IsGlobalNamespace: false })
        {
            sb.Append(ns.ToDisplayString()).Append('.');
        }

        AppendTypeChain(sb, type);
        return sb.ToString();
    }

    private static void AppendTypeChain(StringBuilder sb, INamedTypeSymbol type)
    {
        if (type.ContainingType is { } outer)
        {
            AppendTypeChain(sb, outer);
            sb.Append('.');
        }

        sb.Append(type.Name);
    }

    /// <summary>Whether the type or a base type declares a <c>required</c> member.</summary>
    public static bool HasRequiredMembers(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            foreach (var member in t.GetMembers())
            {
                if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the constructor is marked <c>[SetsRequiredMembers]</c>.</summary>
    public static bool SetsRequiredMembers(IMethodSymbol constructor)
    {
        foreach (var attribute in constructor.GetAttributes())
        {
            if (Is(attribute.AttributeClass, "System.Diagnostics.CodeAnalysis", "SetsRequiredMembersAttribute"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A C# expression for a parameter's declared default value, or null when it declares none.</summary>
    public static string? DefaultValue(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }

        return Literal(parameter.Type, parameter.ExplicitDefaultValue);
    }

    private static string Literal(ITypeSymbol type, object? value)
    {
        if (value is null)
        {
            return type.IsValueType && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T ? "default" : "null";
        }

        if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && type is INamedTypeSymbol nullable)
        {
            return Literal(nullable.TypeArguments[0], value);
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return "(" + TypeName(type) + ")(" + Primitive(value) + ")";
        }

        return Primitive(value);
    }

    private static string Primitive(object value) => value switch
    {
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        bool b => b ? "true" : "false",
        float f when float.IsNaN(f) => "float.NaN",
        float f when float.IsPositiveInfinity(f) => "float.PositiveInfinity",
        float f when float.IsNegativeInfinity(f) => "float.NegativeInfinity",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "F",
        double d when double.IsNaN(d) => "double.NaN",
        double d when double.IsPositiveInfinity(d) => "double.PositiveInfinity",
        double d when double.IsNegativeInfinity(d) => "double.NegativeInfinity",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "D",
        decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        ulong ul => ul.ToString(CultureInfo.InvariantCulture) + "UL",
        uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
        int i => i.ToString(CultureInfo.InvariantCulture),
        short s16 => "(short)(" + s16.ToString(CultureInfo.InvariantCulture) + ")",
        ushort u16 => "(ushort)" + u16.ToString(CultureInfo.InvariantCulture),
        byte b8 => "(byte)" + b8.ToString(CultureInfo.InvariantCulture),
        sbyte s8 => "(sbyte)(" + s8.ToString(CultureInfo.InvariantCulture) + ")",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "default",
    };
}
