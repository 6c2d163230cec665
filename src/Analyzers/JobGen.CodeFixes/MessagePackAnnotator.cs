using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace JobGen.CodeFixes;

/// <summary>Adds <c>[MessagePackObject]</c> and numbered <c>[Key(n)]</c>s to user types, in their own documents.</summary>
internal static class MessagePackAnnotator
{
    public static async Task<Solution> AnnotateAsync(Solution solution, ProjectId projectId, IEnumerable<string> typeIds, CancellationToken ct)
    {
        foreach (var typeId in typeIds)
        {
            var compilation = await solution.GetProject(projectId)!.GetCompilationAsync(ct).ConfigureAwait(false);
            if (compilation is null
                || DocumentationCommentId.GetFirstSymbolForDeclarationId(typeId, compilation) is not INamedTypeSymbol type
                || type.DeclaringSyntaxReferences.FirstOrDefault() is not { } reference
                || solution.GetDocument(reference.SyntaxTree) is not { } document)
            {
                continue;
            }

            var root = await reference.SyntaxTree.GetRootAsync(ct).ConfigureAwait(false);
            if (root.FindNode(reference.Span) is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            var newRoot = SyntaxHelpers.EnsureUsing(root.ReplaceNode(declaration, Annotate(declaration)), "MessagePack");
            solution = document.WithSyntaxRoot(newRoot).Project.Solution;
        }

        return solution;
    }

    private static TypeDeclarationSyntax Annotate(TypeDeclarationSyntax declaration)
    {
        var next = MaxKey(declaration) + 1;
        var updated = declaration;
        if (updated.ParameterList is { } positional)
        {
            var parameters = positional.Parameters.Select(p => HasAttribute(p.AttributeLists, "Key") ? p : p.AddAttributeLists(KeyList(next++, property: true)));
            updated = updated.WithParameterList(positional.WithParameters(SyntaxFactory.SeparatedList(parameters, positional.Parameters.GetSeparators())));
        }

        var members = updated.Members.Select(m => NeedsKey(m) ? AddKey(m, next++) : m).ToList();
        updated = updated.WithMembers(SyntaxFactory.List(members));
        if (!HasAttribute(updated.AttributeLists, "MessagePackObject"))
        {
            var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("MessagePackObject"))));
            updated = updated.WithoutLeadingTrivia().WithAttributeLists(updated.AttributeLists.Insert(0, list.WithLeadingTrivia(updated.GetLeadingTrivia())))
                .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
        }

        return updated;
    }

    private static bool NeedsKey(MemberDeclarationSyntax member)
    {
        var modifiers = member.Modifiers;
        if (!modifiers.Any(SyntaxKind.PublicKeyword) || modifiers.Any(SyntaxKind.StaticKeyword) || modifiers.Any(SyntaxKind.ConstKeyword)
            || HasAttribute(member.AttributeLists, "Key") || HasAttribute(member.AttributeLists, "IgnoreMember"))
        {
            return false;
        }

        return member is PropertyDeclarationSyntax or FieldDeclarationSyntax { Declaration.Variables.Count: 1 };
    }

    private static MemberDeclarationSyntax AddKey(MemberDeclarationSyntax member, int key)
    {
        var trivia = member.GetLeadingTrivia();
        return member.WithoutLeadingTrivia()
            .WithAttributeLists(member.AttributeLists.Insert(0, KeyList(key, property: false).WithLeadingTrivia(trivia)))
            .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
    }

    private static AttributeListSyntax KeyList(int key, bool property)
    {
        var attribute = SyntaxFactory.Attribute(
            SyntaxFactory.IdentifierName("Key"),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(
                SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(key))))));
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute));
        return property
            ? list.WithTarget(SyntaxFactory.AttributeTargetSpecifier(SyntaxFactory.Token(SyntaxKind.PropertyKeyword))).WithTrailingTrivia(SyntaxFactory.Space)
            : list;
    }

    private static int MaxKey(TypeDeclarationSyntax declaration) =>
        declaration.DescendantNodes(n => n is not TypeDeclarationSyntax || n == declaration)
            .OfType<AttributeSyntax>()
            .Where(a => Named(a, "Key") && a.ArgumentList?.Arguments.Count == 1)
            .Select(a => a.ArgumentList!.Arguments[0].Expression is LiteralExpressionSyntax { Token.Value: int k } ? k : -1)
            .DefaultIfEmpty(-1)
            .Max();

    private static bool HasAttribute(SyntaxList<AttributeListSyntax> lists, string name) =>
        lists.SelectMany(l => l.Attributes).Any(a => Named(a, name));

    private static bool Named(AttributeSyntax attribute, string name)
    {
        var text = attribute.Name is QualifiedNameSyntax q ? q.Right.Identifier.ValueText : attribute.Name.ToString();
        return text == name || text == name + "Attribute";
    }
}
