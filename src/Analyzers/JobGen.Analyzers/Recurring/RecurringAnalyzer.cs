using System.Collections.Immutable;
using System.Linq;
using JobGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JobGen.Analyzers;

/// <summary>
/// JG0012 (invalid cron expression), JG0013 (unknown time zone) and JG0014 (required arguments) on
/// <c>[Recurring]</c> job methods, each at the string or parameter at fault. The checks are the generator's own
/// (<see cref="RecurringParser"/>, <see cref="CronSyntax"/>, <see cref="IanaTimeZones"/>): a schedule the analyzer
/// accepts is the one the generator registers.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RecurringAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InvalidCron, DiagnosticDescriptors.UnknownTimeZone, DiagnosticDescriptors.RecurringWithRequiredArguments);

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
        if (!known.IsJob(method) || RecurringParser.FindAttribute(method) is not { } attribute)
        {
            return;
        }

        var jobAttribute = known.GetJobAttribute(method);
        var jobId = jobAttribute is { ConstructorArguments.Length: 1 } && jobAttribute.ConstructorArguments[0].Value is string id ? id : SymbolNames.DefaultJobId(method);
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax;
        var fallback = syntax?.GetLocation() ?? method.Locations.FirstOrDefault();
        var (cron, zone, _) = RecurringParser.Read(attribute);
        if (CronSyntax.Validate(cron) is { } problem)
        {
            var at = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null)?.Expression.GetLocation() ?? fallback;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidCron, at, jobId, problem));
        }

        if (!RecurringParser.IsKnownTimeZone(zone))
        {
            var at = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "TimeZone")?.Expression.GetLocation() ?? fallback;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownTimeZone, at, zone ?? "null", jobId));
        }

        foreach (var parameter in method.Parameters)
        {
            if (!parameter.HasExplicitDefaultValue && !known.IsWorkerSupplied(parameter))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.RecurringWithRequiredArguments, parameter.Locations.FirstOrDefault() ?? fallback, jobId, parameter.Name));
            }
        }
    }
}
