using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JobGen.Analyzers;
using JobGen.Analyzers.Jobs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace JobGen.CodeFixes;

/// <summary>
/// JG0002 fixes with one mechanical answer: <c>async void</c> becomes <c>async Task</c>, and a private or protected
/// job (or containing type) becomes <c>internal</c>, which the generated code in the same assembly can call.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(JobSignatureCodeFixProvider)), Shared]
public sealed class JobSignatureCodeFixProvider : CodeFixProvider
{
    private const string AsyncVoidKey = "JG0002.AsyncVoidToTask";
    private const string InaccessibleKey = "JG0002.MakeInternal";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InvalidSignature);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            diagnostic.Properties.TryGetValue(JobInspector.KindProperty, out var kind);
            if (kind == "AsyncVoid")
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Return Task instead of async void", ct => ReturnTaskAsync(context.Document, diagnostic, ct), AsyncVoidKey),
                    diagnostic);
            }
            else if (kind == "Inaccessible")
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Make the job internal so generated code can call it", ct => MakeInternalAsync(context.Document, diagnostic, ct), InaccessibleKey),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> ReturnTaskAsync(Document document, Diagnostic diagnostic, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        if (root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method || model is null)
        {
            return document;
        }

        var taskType = model.Compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        var needsUsing = !SyntaxHelpers.Binds(model, method.SpanStart, "Task", taskType);
        var newRoot = root.ReplaceNode(method.ReturnType, SyntaxFactory.IdentifierName("Task").WithTriviaFrom(method.ReturnType));
        return document.WithSyntaxRoot(needsUsing ? SyntaxHelpers.EnsureUsing(newRoot, "System.Threading.Tasks") : newRoot);
    }

    private static async Task<Document> MakeInternalAsync(Document document, Diagnostic diagnostic, CancellationToken ct)
    {
        var editor = await DocumentEditor.CreateAsync(document, ct).ConfigureAwait(false);
        var node = editor.OriginalRoot.FindNode(diagnostic.Location.SourceSpan);
        var declarations = node.AncestorsAndSelf().Where(n => n is MethodDeclarationSyntax or TypeDeclarationSyntax).Cast<MemberDeclarationSyntax>();
        foreach (var declaration in declarations)
        {
            if (declaration.Modifiers.Any(m => m.IsKind(SyntaxKind.PrivateKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword) || m.IsKind(SyntaxKind.FileKeyword)))
            {
                editor.ReplaceNode(declaration, (current, _) => WithInternal((MemberDeclarationSyntax)current));
            }
        }

        return editor.GetChangedDocument();
    }

    private static MemberDeclarationSyntax WithInternal(MemberDeclarationSyntax declaration)
    {
        var modifiers = declaration.Modifiers;
        var first = modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.PrivateKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword) || m.IsKind(SyntaxKind.FileKeyword));
        if (first == default)
        {
            return declaration;
        }

        var kept = modifiers.Where(m => m != first && !m.IsKind(SyntaxKind.PrivateKeyword) && !m.IsKind(SyntaxKind.ProtectedKeyword) && !m.IsKind(SyntaxKind.FileKeyword));
        var internalToken = SyntaxFactory.Token(SyntaxKind.InternalKeyword).WithTriviaFrom(first);
        return declaration.WithModifiers(SyntaxFactory.TokenList(new[] { internalToken }.Concat(kept)));
    }
}
