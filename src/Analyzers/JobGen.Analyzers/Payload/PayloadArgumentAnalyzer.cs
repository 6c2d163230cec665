using System;
using System.Collections.Immutable;
using System.Linq;
using JobGen.Analyzers.Jobs;
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
        var issues = JobInspectionCache.Get(method, known, context.CancellationToken).Issues;
        foreach (var parameter in method.Parameters)
        {
            // A parameter that JG0001 already reports gets its advice there (one piece of advice per mistake).
            if (known.IsWorkerSupplied(parameter)
                || issues.Any(i => i.Descriptor.Id == DiagnosticIds.NotSerializable && i.Location == parameter.Locations[0])
                || Classify(parameter, known.Compilation) is not { } finding)
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.LargeOrSensitiveArgument, parameter.Locations[0], parameter.Name, job, finding.What, finding.Instead));
        }
    }

    private static (string What, string Instead)? Classify(IParameterSymbol parameter, Compilation compilation)
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

        if (EntitySignals.Find(type, compilation) is { } entity)
        {
            return ($"is a whole '{entity.Name}' entity ({entity.Signal}), which is larger than its id and stale by the time the job runs",
                "pass its id and load the current state inside the job");
        }

        if (EntitySignals.ElementType(type) is { } element && EntitySignals.Find(element, compilation) is { } elementEntity)
        {
            return ($"is a collection of whole '{elementEntity.Name}' entities ({elementEntity.Signal})",
                "pass their ids and load them inside the job");
        }

        if (type is INamedTypeSymbol named && named.GetMembers().FirstOrDefault(m => IsSecretMember(m)) is { } secret)
        {
            return ($"carries a secret-looking member '{named.Name}.{secret.Name}', and payloads are stored in plain text",
                "leave the secret out of the argument type and read it inside the job");
        }

        return null;
    }

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
