using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JobGen.Analyzers;
using JobGen.Analyzers.Idempotency;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace JobGen.CodeFixes;

/// <summary>
/// JG0005 (clock): replaces <c>DateTime.UtcNow</c> and friends with the job's creation time,
/// <c>JobContext.CreatedAt</c>, which is the same on every retry. Adds a <c>JobContext</c> parameter (supplied by
/// the worker, not part of the payload) when the job has none.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseJobContextTimeCodeFixProvider)), Shared]
public sealed class UseJobContextTimeCodeFixProvider : CodeFixProvider
{
    private const string Title = "Use the job's creation time (JobContext.CreatedAt)";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NonIdempotent);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => new PerDocumentFixAll(FixDocumentAsync);

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is not null && Replacement(diagnostic, "context") is not null && FindTarget(root, diagnostic) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct), nameof(UseJobContextTimeCodeFixProvider)),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        var contextType = model?.Compilation.GetTypeByMetadataName("JobGen.JobContext");
        if (root is null || model is null || contextType is null)
        {
            return document;
        }

        var byMethod = new Dictionary<MethodDeclarationSyntax, List<(ExpressionSyntax Node, Diagnostic Diagnostic)>>();
        foreach (var diagnostic in diagnostics)
        {
            if (FindTarget(root, diagnostic) is { } target && Replacement(diagnostic, "context") is not null)
            {
                if (!byMethod.TryGetValue(target.Method, out var list))
                {
                    byMethod[target.Method] = list = new();
                }

                list.Add((target.Expression, diagnostic));
            }
        }

        if (byMethod.Count == 0)
        {
            return document;
        }

        var needsUsing = !SyntaxHelpers.Binds(model, byMethod.Keys.First().SpanStart, "JobContext", contextType);
        var newRoot = root.ReplaceNodes(byMethod.Keys, (original, _) => Rewrite(original, byMethod[original], model, contextType, ct));
        return document.WithSyntaxRoot(needsUsing ? SyntaxHelpers.EnsureUsing(newRoot, "JobGen") : newRoot);
    }

    private static MethodDeclarationSyntax Rewrite(
        MethodDeclarationSyntax method, List<(ExpressionSyntax Node, Diagnostic Diagnostic)> findings, SemanticModel model, INamedTypeSymbol contextType, CancellationToken ct)
    {
        var existing = method.ParameterList.Parameters.FirstOrDefault(p =>
            SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(p, ct)?.Type, contextType));
        var name = existing?.Identifier.ValueText ?? SyntaxHelpers.FreeParameterName(method, "context", "jobContext");
        var replacements = findings.ToDictionary(f => f.Node, f => Replacement(f.Diagnostic, name)!);
        var updated = method.ReplaceNodes(replacements.Keys, (original, _) => replacements[original].WithTriviaFrom(original));
        if (existing is not null)
        {
            return updated;
        }

        var index = SyntaxHelpers.WorkerParameterIndex(updated.ParameterList);
        var parameter = SyntaxHelpers.Parameter("JobContext", name, withDefault: false);
        return updated.WithParameterList(updated.ParameterList.WithParameters(updated.ParameterList.Parameters.Insert(index, parameter)));
    }

    /// <summary>The expression that replaces the clock read, or null when the finding is not a clock read.</summary>
    private static ExpressionSyntax? Replacement(Diagnostic diagnostic, string context)
    {
        if (!diagnostic.Properties.TryGetValue(Patterns.KindProperty, out var kind) || kind != Patterns.Clock
            || !diagnostic.Properties.TryGetValue(Patterns.MemberProperty, out var member))
        {
            return null;
        }

        var text = member switch
        {
            "DateTimeOffset.UtcNow" => ".CreatedAt",
            "DateTimeOffset.Now" => ".CreatedAt.ToLocalTime()",
            "DateTime.UtcNow" => ".CreatedAt.UtcDateTime",
            "DateTime.Now" => ".CreatedAt.LocalDateTime",
            "DateTime.Today" => ".CreatedAt.LocalDateTime.Date",
            _ => null,
        };
        return text is null ? null : SyntaxFactory.ParseExpression(context + text);
    }

    /// <summary>The clock read and its job method, unless it sits in a static lambda or local function (no capture).</summary>
    private static (ExpressionSyntax Expression, MethodDeclarationSyntax Method)? FindTarget(SyntaxNode root, Diagnostic diagnostic)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax expression)
        {
            return null;
        }

        foreach (var ancestor in expression.Ancestors())
        {
            switch (ancestor)
            {
                case MethodDeclarationSyntax method:
                    return (expression, method);
                case AnonymousFunctionExpressionSyntax { Modifiers: var m } when m.Any(SyntaxKind.StaticKeyword):
                case LocalFunctionStatementSyntax { Modifiers: var l } when l.Any(SyntaxKind.StaticKeyword):
                    return null;
            }
        }

        return null;
    }
}
