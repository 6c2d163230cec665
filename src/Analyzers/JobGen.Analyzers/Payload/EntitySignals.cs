using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace JobGen.Analyzers;

/// <summary>
/// Is a type a persisted entity rather than a message? An <c>Id</c> (or <c>{TypeName}Id</c>) alone is not
/// enough (small message records have ids too); it also needs one entity signal: a navigation member (a member
/// whose type, or element type, is itself a class with an id), an EF Core or data-annotations mapping attribute,
/// or a <c>DbSet&lt;T&gt;</c> of it on a <c>DbContext</c> of the compilation. Shared by JG0006 and by JG0001's
/// advice, so the two never disagree (docs/diagnostics/JG0006.md).
/// </summary>
internal static class EntitySignals
{
    private static readonly ConditionalWeakTable<Compilation, Lazy<ImmutableHashSet<ITypeSymbol>>> DbSetTypes = new();

    private static readonly string[] MappingNamespaces =
    {
        "System.ComponentModel.DataAnnotations", "System.ComponentModel.DataAnnotations.Schema", "Microsoft.EntityFrameworkCore",
    };

    /// <summary>The entity's name and the signal that made it one, or null when <paramref name="type"/> is not an entity.</summary>
    public static (string Name, string Signal)? Find(ITypeSymbol type, Compilation compilation)
    {
        if (!HasId(type) || type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (MappingAttribute(named) is { } attribute)
        {
            return (named.Name, $"it is mapped with [{attribute}]");
        }

        foreach (var (member, memberType) in PublicInstanceMembers(named))
        {
            if (MappingAttribute(member) is { } memberAttribute)
            {
                return (named.Name, $"its member '{member.Name}' is mapped with [{memberAttribute}]");
            }

            var target = ElementType(memberType) ?? memberType;
            if (!SymbolEqualityComparer.Default.Equals(target, named) && target.TypeKind == TypeKind.Class && HasId(target))
            {
                return (named.Name, $"it has an id and a navigation to '{target.Name}'");
            }
        }

        if (DbSetTypes.GetValue(compilation, c => new Lazy<ImmutableHashSet<ITypeSymbol>>(() => CollectDbSetTypes(c))).Value.Contains(named))
        {
            return (named.Name, "a DbContext has a DbSet of it");
        }

        return null;
    }

    /// <summary>A user class, record or struct outside System.* with a public instance <c>Id</c> or <c>{TypeName}Id</c>.</summary>
    public static bool HasId(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None } named
            || named.IsGenericType
            || named.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal)))
        {
            return false;
        }

        var idName = named.Name + "Id";
        return PublicInstanceMembers(named).Any(m =>
            string.Equals(m.Member.Name, "Id", StringComparison.OrdinalIgnoreCase) || string.Equals(m.Member.Name, idName, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The element of an array or of a generic collection of System.Collections.* (the value of a dictionary).</summary>
    public static ITypeSymbol? ElementType(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => array.ElementType,
        INamedTypeSymbol { IsGenericType: true } generic
            when generic.ContainingNamespace?.ToDisplayString() is { } ns && ns.StartsWith("System.Collections", StringComparison.Ordinal) => generic.TypeArguments.Last(),
        _ => null,
    };

    private static IEnumerable<(ISymbol Member, ITypeSymbol Type)> PublicInstanceMembers(INamedTypeSymbol type)
    {
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
        {
            foreach (var member in t.GetMembers())
            {
                if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public)
                {
                    continue;
                }

                if (member is IPropertySymbol { IsIndexer: false } property)
                {
                    yield return (property, property.Type);
                }
                else if (member is IFieldSymbol { IsImplicitlyDeclared: false } field)
                {
                    yield return (field, field.Type);
                }
            }
        }
    }

    private static string? MappingAttribute(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } cls && MappingNamespaces.Contains(cls.ContainingNamespace?.ToDisplayString()))
            {
                return cls.Name.EndsWith("Attribute", StringComparison.Ordinal) ? cls.Name.Substring(0, cls.Name.Length - "Attribute".Length) : cls.Name;
            }
        }

        return null;
    }

    // The T of every DbSet<T> property of a class deriving from a class named DbContext, in this compilation's source.
    private static ImmutableHashSet<ITypeSymbol> CollectDbSetTypes(Compilation compilation)
    {
        var result = ImmutableHashSet.CreateBuilder<ITypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            foreach (var member in pending.Pop().GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    pending.Push(ns);
                }
                else if (member is INamedTypeSymbol type)
                {
                    pending.Push(type);
                    if (IsDbContext(type))
                    {
                        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
                        {
                            if (property.Type is INamedTypeSymbol { Name: "DbSet", Arity: 1 } set)
                            {
                                result.Add(set.TypeArguments[0]);
                            }
                        }
                    }
                }
            }
        }

        return result.ToImmutable();
    }

    private static bool IsDbContext(INamedTypeSymbol type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.Name == "DbContext")
            {
                return true;
            }
        }

        return false;
    }
}
