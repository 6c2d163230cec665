using System.Collections.Immutable;
using JobGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JobGen.Analyzers;

/// <summary>
/// JG0015: a job argument whose name looks like a secret (the JG0006 heuristic) without <c>[Sensitive]</c>, so it is
/// stored in clear text (a code fix adds the attribute). JG0016: <c>[Sensitive]</c> on a parameter where it encrypts
/// nothing: a worker-supplied parameter, a method that is not a job, or a positional record parameter (the attribute
/// must target the property there). docs/security.md.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SensitiveArgumentAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.SecretWithoutSensitive, DiagnosticDescriptors.SensitiveWithoutEffect);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.Create(start.Compilation);
            if (known is not null && start.Compilation.GetTypeByMetadataName("JobGen.SensitiveAttribute") is not null)
            {
                start.RegisterSymbolAction(symbol => Analyze(symbol, known), SymbolKind.Method);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
    {
        var method = (IMethodSymbol)context.Symbol;
        var isJob = known.IsJob(method);
        var job = method.ContainingType.Name + "." + method.Name;
        foreach (var parameter in method.Parameters)
        {
            var marked = SensitiveSymbols.IsMarked(parameter);
            if (!isJob)
            {
                if (marked)
                {
                    var why = method.MethodKind == MethodKind.Constructor && method.ContainingType.IsRecord
                        ? "on a positional record parameter it marks the parameter, not the property; write [property: Sensitive]"
                        : "only parameters of [BackgroundJob] methods and members of their argument types are encrypted";
                    Report(context, DiagnosticDescriptors.SensitiveWithoutEffect, parameter, parameter.Name, why);
                }

                continue;
            }

            if (known.IsWorkerSupplied(parameter))
            {
                if (marked)
                {
                    Report(context, DiagnosticDescriptors.SensitiveWithoutEffect, parameter, parameter.Name, "the worker supplies it; it is not in the payload");
                }

                continue;
            }

            if (!marked && PayloadArgumentAnalyzer.IsSecretString(parameter.Type, parameter.Name))
            {
                Report(context, DiagnosticDescriptors.SecretWithoutSensitive, parameter, "Argument", parameter.Name, job);
            }
        }
    }

    private static void Report(SymbolAnalysisContext context, DiagnosticDescriptor descriptor, IParameterSymbol parameter, params object[] args)
    {
        if (parameter.Locations.Length > 0 && parameter.Locations[0].IsInSource)
        {
            context.ReportDiagnostic(Diagnostic.Create(descriptor, parameter.Locations[0], args));
        }
    }
}
