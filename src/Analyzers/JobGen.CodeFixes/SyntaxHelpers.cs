using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace JobGen.CodeFixes;

/// <summary>Small syntax edits the code fixes share: adding a using, a parameter, finding a free name.</summary>
internal static class SyntaxHelpers
{
    /// <summary>Whether <paramref name="simpleName"/> already binds to <paramref name="type"/> at <paramref name="position"/>.</summary>
    public static bool Binds(SemanticModel model, int position, string simpleName, ITypeSymbol? type) =>
        type is not null && model.LookupNamespacesAndTypes(position, name: simpleName)
            .Any(s => SymbolEqualityComparer.Default.Equals(s, type));

    /// <summary>Adds <c>using ns;</c> after the existing usings when it is missing.</summary>
    public static SyntaxNode EnsureUsing(SyntaxNode root, string ns)
    {
        if (root is not CompilationUnitSyntax unit || unit.Usings.Any(u => u.Name?.ToString() == ns && u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None)))
        {
            return root;
        }

        var endOfLine = unit.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns))
            .WithTrailingTrivia(endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.LineFeed);
        if (unit.Usings.Count == 0)
        {
            // first using of the file: a blank line between it and the code, and the file's leading trivia above it
            var eol = directive.GetTrailingTrivia();
            var leading = unit.GetLeadingTrivia();
            return unit.WithoutLeadingTrivia().WithUsings(unit.Usings.Add(directive.WithLeadingTrivia(leading).WithTrailingTrivia(eol.AddRange(eol))));
        }

        var index = unit.Usings.TakeWhile(u => CompareNamespaces(u.Name?.ToString() ?? string.Empty, ns) < 0).Count();
        if (index == 0 && unit.Usings.Count > 0)
        {
            // keep the file's leading trivia (comments, blank lines) at the top
            var first = unit.Usings[0];
            directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
            return unit.WithUsings(unit.Usings.Replace(first, first.WithLeadingTrivia()).Insert(0, directive));
        }

        return unit.WithUsings(unit.Usings.Insert(index, directive));
    }

    /// <summary>System namespaces first, then ordinal (the .NET convention for using directives).</summary>
    private static int CompareNamespaces(string a, string b)
    {
        var systemA = a == "System" || a.StartsWith("System.", System.StringComparison.Ordinal);
        var systemB = b == "System" || b.StartsWith("System.", System.StringComparison.Ordinal);
        return systemA != systemB ? (systemA ? -1 : 1) : string.CompareOrdinal(a, b);
    }

    /// <summary><paramref name="preferred"/>, or <paramref name="fallback"/> when a parameter already has that name.</summary>
    public static string FreeParameterName(BaseMethodDeclarationSyntax method, string preferred, string fallback) =>
        method.ParameterList.Parameters.Any(p => p.Identifier.ValueText == preferred) ? fallback : preferred;

    /// <summary>
    /// Where a worker-supplied parameter goes: before the first optional or CancellationToken parameter, so the
    /// list stays valid (required before optional) and the token stays last.
    /// </summary>
    public static int WorkerParameterIndex(ParameterListSyntax list)
    {
        for (var i = 0; i < list.Parameters.Count; i++)
        {
            var p = list.Parameters[i];
            if (p.Default is not null || p.Type?.ToString().EndsWith("CancellationToken", System.StringComparison.Ordinal) == true)
            {
                return i;
            }
        }

        return list.Parameters.Count;
    }

    public static ParameterSyntax Parameter(string type, string name, bool withDefault)
    {
        var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name)).WithType(SyntaxFactory.ParseTypeName(type + " "));
        return withDefault
            ? parameter.WithDefault(SyntaxFactory.EqualsValueClause(SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression)))
            : parameter;
    }
}
