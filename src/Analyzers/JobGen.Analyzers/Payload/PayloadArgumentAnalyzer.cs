using System;
using System.Collections.Immutable;
using System.Linq;
using JobGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JobGen.Analyzers;

/// <summary>
/// JG0006: a payload argument that is a whole entity (a type with an <c>Id</c>), a collection of entities, raw
/// bytes, or a secret-looking string. Payloads are copied into every retry, kept in the queue and the dead set
/// in plain text, and go stale while the job waits; an id is smaller, safer and always current.
/// The heuristic is spelled out in docs/diagnostics/JG0006.md.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PayloadArgumentAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Lower-case name fragments of secrets (after removing '_' and '-').</summary>
    private static readonly string[] SecretFragments =
    {
        "password", "passwd", "secret", "apikey", "privatekey", "accesstoken", "refreshtoken", "authtoken",
        "bearertoken", "resettoken", "sessiontoken", "creditcard", "cardnumber", "socialsecurity", "connectionstring",
    };

    /// <summary>Short fragments that only count as the whole name or its last word (so "className" is not an SSN).</summary>
    private static readonly string[] SecretSuffixes = { "ssn", "cvv", "cvc", "pin" };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.LargeOrSensitiveArgument);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.Create(start.Compilation);
            if (known is not null)
            {
                start.RegisterSymbolAction(symbol => Analyze(symbol, known), SymbolKind.Method);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!known.IsJob(method))
        {
            return;
        }

        var job = method.ContainingType.Name + "." + method.Name;
        foreach (var parameter in method.Parameters)
        {
            if (known.IsWorkerSupplied(parameter) || Classify(parameter) is not { } finding)
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.LargeOrSensitiveArgument, parameter.Locations[0], parameter.Name, job, finding.What, finding.Instead));
        }
    }

    private static (string What, string Instead)? Classify(IParameterSymbol parameter)
    {
        var type = parameter.Type;
        if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte })
        {
            return ("is raw bytes, copied into every retry and kept in the queue", "store them (blob storage, a table) and pass their key");
        }

        if (IsSecretString(type, parameter.Name) && !SensitiveSymbols.IsMarked(parameter)) // [Sensitive]: encrypted, JG0015
        {
            return ($"looks like a secret ('{parameter.Name}'), and payloads are stored in plain text in the queue and the dead set",
                "pass a reference (a user id, a vault key) and read the secret inside the job");
        }

        if (EntityName(type) is { } entity)
        {
            return ($"is a whole '{entity}' entity (it has an Id), which is larger than its id and stale by the time the job runs",
                "pass its id and load the current state inside the job");
        }

        if (ElementType(type) is { } element && EntityName(element) is { } elementEntity)
        {
            return ($"is a collection of whole '{elementEntity}' entities",
                "pass their ids and load them inside the job");
        }

        if (type is INamedTypeSymbol named && named.GetMembers().FirstOrDefault(m => IsSecretMember(m)) is { } secret)
        {
            return ($"carries a secret-looking member '{named.Name}.{secret.Name}', and payloads are stored in plain text",
                "leave the secret out of the argument type and read it inside the job");
        }

        return null;
    }

    /// <summary>An entity: a user class, record or struct outside System.* with an <c>Id</c> or <c>{TypeName}Id</c> member.</summary>
    private static string? EntityName(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None } named
            || named.IsGenericType
            || named.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal)))
        {
            return null;
        }

        var idName = named.Name + "Id";
        foreach (var member in named.GetMembers())
        {
            if (member is IPropertySymbol or IFieldSymbol && !member.IsStatic && member.DeclaredAccessibility == Accessibility.Public
                && (string.Equals(member.Name, "Id", StringComparison.OrdinalIgnoreCase) || string.Equals(member.Name, idName, StringComparison.OrdinalIgnoreCase)))
            {
                return named.Name;
            }
        }

        return null;
    }

    /// <summary>The element of an array or of a generic collection (the value of a dictionary).</summary>
    private static ITypeSymbol? ElementType(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => array.ElementType,
        INamedTypeSymbol { IsGenericType: true } generic
            when generic.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic" => generic.TypeArguments.Last(),
        _ => null,
    };

    private static bool IsSecretMember(ISymbol member) =>
        member is IPropertySymbol or IFieldSymbol && !member.IsStatic && !member.IsImplicitlyDeclared && !SensitiveSymbols.IsMarked(member)
        && member.DeclaredAccessibility == Accessibility.Public
        && IsSecretString(member is IPropertySymbol p ? p.Type : ((IFieldSymbol)member).Type, member.Name);

    /// <summary>The secret-name heuristic (docs/diagnostics/JG0006.md), shared with JG0015.</summary>
    internal static bool IsSecretString(ITypeSymbol type, string name)
    {
        if (type.SpecialType != SpecialType.System_String)
        {
            return false;
        }

        var normalized = name.Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant();
        return normalized == "token" || SecretFragments.Any(f => normalized.Contains(f))
            || SecretSuffixes.Any(f => normalized == f || (name.Length > f.Length && name.EndsWith(char.ToUpperInvariant(f[0]) + f.Substring(1), StringComparison.Ordinal)));
    }
}
