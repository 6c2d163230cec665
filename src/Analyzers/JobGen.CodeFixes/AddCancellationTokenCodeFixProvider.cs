using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JobGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace JobGen.CodeFixes;

/// <summary>
/// JG0004: adds a <c>CancellationToken</c> parameter to the job (last, so the worker supplies it) and passes it on
/// to calls in the body that take one: an optional <c>CancellationToken</c> parameter left out, or an overload
/// of the same method with one more, trailing, <c>CancellationToken</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddCancellationTokenCodeFixProvider)), Shared]
public sealed class AddCancellationTokenCodeFixProvider : CodeFixProvider
{
    private const string Title = "Add a CancellationToken parameter and pass it on";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NoCancellationToken);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => new PerDocumentFixAll(FixDocumentAsync);

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct), nameof(AddCancellationTokenCodeFixProvider)),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        var tokenType = model?.Compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        if (root is null || model is null || tokenType is null)
        {
            return document;
        }

        var methods = diagnostics
            .Select(d => root.FindNode(d.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>())
            .OfType<MethodDeclarationSyntax>()
            .Distinct()
            .ToList();
        if (methods.Count == 0)
        {
            return document;
        }

        var needsUsing = !SyntaxHelpers.Binds(model, methods[0].SpanStart, "CancellationToken", tokenType);
        var newRoot = root.ReplaceNodes(methods, (original, _) => AddToken(original, model, tokenType, ct));
        return document.WithSyntaxRoot(needsUsing ? SyntaxHelpers.EnsureUsing(newRoot, "System.Threading") : newRoot);
    }

    private static MethodDeclarationSyntax AddToken(MethodDeclarationSyntax method, SemanticModel model, INamedTypeSymbol tokenType, CancellationToken ct)
    {
        var name = SyntaxHelpers.FreeParameterName(method, "cancellationToken", "jobCancellationToken");
        var calls = new Dictionary<InvocationExpressionSyntax, ArgumentSyntax>();
        foreach (var invocation in method.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (PassToken(invocation, model, tokenType, name, ct) is { } arguments)
            {
                calls[invocation] = arguments;
            }
        }

        var updated = method.ReplaceNodes(calls.Keys, (original, rewritten) => rewritten.WithArgumentList(rewritten.ArgumentList.AddArguments(calls[original])));
        var withDefault = method.ParameterList.Parameters.Any(p => p.Default is not null);
        var parameter = SyntaxHelpers.Parameter("CancellationToken", name, withDefault);
        return updated.WithParameterList(updated.ParameterList.AddParameters(parameter));
    }

    /// <summary>The argument that passes the token on, or null when the callee does not take one.</summary>
    private static ArgumentSyntax? PassToken(InvocationExpressionSyntax invocation, SemanticModel model, INamedTypeSymbol tokenType, string name, CancellationToken ct)
    {
        if (model.GetSymbolInfo(invocation, ct).Symbol is not IMethodSymbol callee)
        {
            return null;
        }

        var arguments = invocation.ArgumentList;
        var allPositional = arguments.Arguments.All(a => a.NameColon is null);
        var value = SyntaxFactory.IdentifierName(name);
        var optional = callee.Parameters.FirstOrDefault(p => p.IsOptional && SymbolEqualityComparer.Default.Equals(p.Type, tokenType));
        if (optional is not null)
        {
            if (model.GetOperation(invocation, ct) is Microsoft.CodeAnalysis.Operations.IInvocationOperation operation
                && operation.Arguments.Any(a => SymbolEqualityComparer.Default.Equals(a.Parameter, optional) && a.ArgumentKind != Microsoft.CodeAnalysis.Operations.ArgumentKind.DefaultValue))
            {
                return null; // already passed
            }

            var positional = allPositional && optional.Ordinal == arguments.Arguments.Count;
            return positional
                ? SyntaxFactory.Argument(value)
                : SyntaxFactory.Argument(SyntaxFactory.NameColon(optional.Name), default, value);
        }

        if (!allPositional || callee.Parameters.Any(p => p.IsParams) || callee.Parameters.Length != arguments.Arguments.Count)
        {
            return null;
        }

        var overload = callee.ContainingType.GetMembers(callee.Name).OfType<IMethodSymbol>().FirstOrDefault(m =>
            m.IsStatic == callee.IsStatic
            && m.Parameters.Length == callee.Parameters.Length + 1
            && SymbolEqualityComparer.Default.Equals(m.Parameters[m.Parameters.Length - 1].Type, tokenType)
            && m.Parameters.Take(callee.Parameters.Length).Zip(callee.Parameters, (a, b) => SymbolEqualityComparer.Default.Equals(a.Type, b.Type)).All(x => x));
        return overload is null ? null : SyntaxFactory.Argument(value);
    }
}
