using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace JobGen.Generator.Tests;

/// <summary>
/// The generated code's semantic model may not touch reflection, Activator, Type.GetType, dynamic code,
/// ActivatorUtilities or MessagePack's serializer/resolvers (the same list as src/Runtime/BannedSymbols.txt).
/// </summary>
public sealed class NoReflectionTests
{
    [Fact]
    public void GeneratedCode_UsesNoBannedApi()
    {
        var sources = Scenarios.All.Where(s => s.Key != "InvalidJobsAreSkipped").Select(s => s.Value).ToList();
        foreach (var source in sources)
        {
            var result = GeneratorHarness.Run("Sample.App", source);
            var generated = result.Compilation.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(generated);
            foreach (var tree in generated)
            {
                var banned = FindBanned(result.Compilation, tree);
                Assert.True(banned.Count == 0, "Banned API in generated code:\n" + string.Join("\n", banned));
            }
        }
    }

    [Fact]
    public void Checker_FindsBannedApis()
    {
        const string bad = """
            using System;
            using Microsoft.Extensions.DependencyInjection;
            public static class Bad
            {
                public static object? A(Type t, IServiceProvider s) => Activator.CreateInstance(t);
                public static object? B() => Type.GetType("X");
                public static object? C(Type t) => t.GetMethod("M");
                public static object? D(IServiceProvider s) => ActivatorUtilities.CreateInstance<Bad2>(s);
                public static byte[] E() => MessagePack.MessagePackSerializer.Serialize(1);
            }
            public sealed class Bad2 { }
            """;
        var compilation = GeneratorHarness.CreateCompilation("Bad", bad);
        var found = FindBanned(compilation, compilation.SyntaxTrees.Single());
        Assert.Contains(found, f => f.Contains("Activator", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("GetType", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("System.Reflection", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("ActivatorUtilities", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("MessagePackSerializer", StringComparison.Ordinal));
    }

    private static List<string> FindBanned(Compilation compilation, SyntaxTree tree)
    {
        var model = compilation.GetSemanticModel(tree);
        var found = new List<string>();
        foreach (var node in tree.GetRoot(TestContext.Current.CancellationToken).DescendantNodes())
        {
            if (node is not (ExpressionSyntax or TypeSyntax))
            {
                continue;
            }

            var symbols = new List<ISymbol?> { model.GetSymbolInfo(node).Symbol, model.GetTypeInfo(node).Type };
            symbols.AddRange(model.GetSymbolInfo(node).CandidateSymbols);
            foreach (var symbol in symbols.OfType<ISymbol>())
            {
                if (Reason(symbol) is { } reason)
                {
                    found.Add($"{node.GetLocation().GetLineSpan()}: {symbol.ToDisplayString()} ({reason})");
                }
            }
        }

        return found;
    }

    private static string? Reason(ISymbol symbol)
    {
        var type = symbol as ITypeSymbol ?? symbol.ContainingType;
        var ns = (type?.ContainingNamespace ?? symbol.ContainingNamespace)?.ToDisplayString() ?? "";
        var typeName = type?.ToDisplayString() ?? "";
        if (ns.StartsWith("System.Reflection", StringComparison.Ordinal))
        {
            return "System.Reflection";
        }

        if (typeName is "System.Activator" or "Microsoft.Extensions.DependencyInjection.ActivatorUtilities" or "MessagePack.MessagePackSerializer"
            || ns.StartsWith("MessagePack.Resolvers", StringComparison.Ordinal))
        {
            return typeName;
        }

        if (typeName == "System.Type" && symbol.Name is "GetType" or "MakeGenericType" or "GetMethod" or "GetProperty" or "GetField" or "GetConstructor" or "InvokeMember")
        {
            return "System.Type." + symbol.Name;
        }

        return null;
    }
}
