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

/// <summary>JG0015: marks the secret-looking job argument <c>[Sensitive]</c> (adding <c>using JobGen;</c> when needed).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSensitiveCodeFixProvider)), Shared]
public sealed class AddSensitiveCodeFixProvider : CodeFixProvider
{
    private const string Title = "Mark the argument [Sensitive] (encrypted in the payload)";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SecretWithoutSensitive);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => new PerDocumentFixAll(FixDocumentAsync);

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct), nameof(AddSensitiveCodeFixProvider)),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        var attributeType = model?.Compilation.GetTypeByMetadataName("JobGen.SensitiveAttribute");
        if (root is null || model is null || attributeType is null)
        {
            return document;
        }

        var parameters = diagnostics
            .Select(d => root.FindNode(d.Location.SourceSpan).FirstAncestorOrSelf<ParameterSyntax>())
            .OfType<ParameterSyntax>()
            .Distinct()
            .ToList();
        if (parameters.Count == 0)
        {
            return document;
        }

        var needsUsing = !SyntaxHelpers.Binds(model, parameters[0].SpanStart, "SensitiveAttribute", attributeType);
        var newRoot = root.ReplaceNodes(parameters, (original, _) => Mark(original));
        return document.WithSyntaxRoot(needsUsing ? SyntaxHelpers.EnsureUsing(newRoot, "JobGen") : newRoot);
    }

    private static ParameterSyntax Mark(ParameterSyntax parameter)
    {
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Sensitive"))))
            .WithTrailingTrivia(SyntaxFactory.Space);
        var leading = parameter.GetLeadingTrivia();
        return parameter.WithoutLeadingTrivia().WithAttributeLists(parameter.AttributeLists.Add(list)).WithLeadingTrivia(leading);
    }
}
