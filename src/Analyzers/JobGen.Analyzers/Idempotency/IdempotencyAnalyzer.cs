using System.Collections.Immutable;
using JobGen.Analyzers.Idempotency;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JobGen.Analyzers;

/// <summary>
/// JG0005: patterns in a job body that do something different, or do it twice, when the job is retried.
/// Only the bodies of <c>[BackgroundJob]</c> methods are looked at (operation actions per block), and
/// <c>[IdempotentJob("why")]</c> on the method or its class turns the rule off for it (JG0008 asks for the why).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IdempotencyAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NonIdempotent,
        DiagnosticDescriptors.EmptyIdempotencyJustification);

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

            start.RegisterOperationBlockStartAction(block =>
            {
                if (block.OwningSymbol is not IMethodSymbol method || !known.IsJob(method) || known.FindIdempotentOptOut(method) is not null)
                {
                    return;
                }

                var scanner = new JobBodyScanner(method, known);
                block.RegisterOperationAction(scanner.OnPropertyReference, OperationKind.PropertyReference);
                block.RegisterOperationAction(scanner.OnFieldReference, OperationKind.FieldReference);
                block.RegisterOperationAction(scanner.OnLiteral, OperationKind.Literal);
                block.RegisterOperationAction(scanner.OnObjectCreation, OperationKind.ObjectCreation);
                block.RegisterOperationAction(scanner.OnInvocation, OperationKind.Invocation);
                block.RegisterOperationAction(scanner.OnStaticWrite, OperationKind.Increment, OperationKind.Decrement, OperationKind.CompoundAssignment);
                block.RegisterOperationBlockEndAction(scanner.OnBlockEnd);
            });

            if (known.IdempotentJobAttribute is not null)
            {
                start.RegisterSymbolAction(symbol => CheckJustification(symbol, known), SymbolKind.Method, SymbolKind.NamedType);
            }
        });
    }

    private static void CheckJustification(SymbolAnalysisContext context, KnownSymbols known)
    {
        foreach (var attribute in context.Symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, known.IdempotentJobAttribute)
                && attribute.ConstructorArguments.Length == 1
                && string.IsNullOrWhiteSpace(attribute.ConstructorArguments[0].Value as string))
            {
                var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? context.Symbol.Locations[0];
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EmptyIdempotencyJustification, location, context.Symbol.Name));
            }
        }
    }
}
