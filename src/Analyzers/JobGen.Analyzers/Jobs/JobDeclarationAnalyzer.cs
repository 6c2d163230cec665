using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using JobGen.Analyzers.Jobs;
using JobGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JobGen.Analyzers;

/// <summary>
/// Is each <c>[BackgroundJob]</c> method a job the generator can emit? JG0001/JG0002 come from the shared parser,
/// JG0003 compares the ids of all jobs at the end of the compilation, JG0004 asks for a CancellationToken and
/// JG0007 catches the attribute on local functions and lambdas, which the generator never sees.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JobDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NotSerializable,
        DiagnosticDescriptors.InvalidSignature,
        DiagnosticDescriptors.DuplicateId,
        DiagnosticDescriptors.NoCancellationToken,
        DiagnosticDescriptors.JobOnLocalFunction);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.Create(start.Compilation);
            if (known is null)
            {
                return;
            }

            var ids = new ConcurrentBag<(string Id, IMethodSymbol Method)>();
            start.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, known, ids), SymbolKind.Method);
            start.RegisterSyntaxNodeAction(
                node => AnalyzeLocalJob(node, known),
                SyntaxKind.LocalFunctionStatement, SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression);
            start.RegisterCompilationEndAction(end => ReportDuplicateIds(end, ids));
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, KnownSymbols known, ConcurrentBag<(string, IMethodSymbol)> ids)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!known.IsJob(method))
        {
            return;
        }

        var inspection = JobInspectionCache.Get(method, known, context.CancellationToken);
        foreach (var issue in inspection.Issues)
        {
            context.ReportDiagnostic(Diagnostic.Create(issue.Descriptor, issue.Location, issue.Properties, issue.Message));
        }

        ids.Add((inspection.JobId, method));
        if (inspection.Job is not { } job)
        {
            return;
        }

        if (!job.AcceptsCancellationToken && known.CancellationToken is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NoCancellationToken, method.Locations[0], job.JobId));
        }
    }

    private static void AnalyzeLocalJob(SyntaxNodeAnalysisContext context, KnownSymbols known)
    {
        var (attributes, name, kind, location) = context.Node switch
        {
            LocalFunctionStatementSyntax f => (f.AttributeLists, f.Identifier.ValueText, "local function", f.Identifier.GetLocation()),
            LambdaExpressionSyntax l => (l.AttributeLists, "lambda", "lambda", l.GetFirstToken().GetLocation()),
            _ => (default(SyntaxList<AttributeListSyntax>), string.Empty, string.Empty, Location.None),
        };
        if (attributes.Count == 0)
        {
            return;
        }

        var symbol = context.Node is LocalFunctionStatementSyntax
            ? context.SemanticModel.GetDeclaredSymbol(context.Node, context.CancellationToken)
            : context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken).Symbol;
        if (symbol is not null && known.GetJobAttribute(symbol) is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.JobOnLocalFunction, location, kind, name));
        }
    }

    private static void ReportDuplicateIds(CompilationAnalysisContext context, ConcurrentBag<(string Id, IMethodSymbol Method)> ids)
    {
        foreach (var (jobId, jobs) in JobParser.FindDuplicateIds(ids))
        {
            var methods = jobs
                .OrderBy(m => m.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat), System.StringComparer.Ordinal)
                .ToList();
            foreach (var method in methods)
            {
                var others = string.Join(", ", methods.Where(m => !SymbolEqualityComparer.Default.Equals(m, method))
                    .Select(m => m.ContainingType.Name + "." + m.Name));
                var message = $"Job id '{jobId}' is also used by {others}; give each job its own [BackgroundJob(\"...\")] id";
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateId, method.Locations[0], message));
            }
        }
    }
}
