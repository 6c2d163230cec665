using System.Collections.Immutable;
using System.Linq;
using JobGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JobGen.Analyzers;

/// <summary>
/// JG0023: contradictory flow-control options on a job (a negative expiry, a unique lock that should expire but has no
/// span, a negative span). The check is the generator's own (<see cref="FlowControlParser.Validate"/>): options the
/// analyzer accepts are the ones the generator emits, and a job it reports gets none of them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FlowControlAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidFlowControl);

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
        if (!known.IsJob(method) || known.GetJobAttribute(method) is not { } jobAttribute)
        {
            return;
        }

        var (expires, unique, until, lockSeconds) = FlowControlParser.Read(method, jobAttribute);
        if (FlowControlParser.Validate(expires, unique, until, lockSeconds) is not { } problem)
        {
            return;
        }

        var jobId = jobAttribute is { ConstructorArguments.Length: 1 } && jobAttribute.ConstructorArguments[0].Value is string id ? id : SymbolNames.DefaultJobId(method);
        var attribute = expires < 0 ? jobAttribute : FlowControlParser.FindUniqueAttribute(method) ?? jobAttribute;
        var at = (attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax)?.GetLocation() ?? method.Locations.FirstOrDefault();
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidFlowControl, at, jobId, problem));
    }
}
