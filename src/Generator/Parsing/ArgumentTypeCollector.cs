using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace JobGen.Generator.Parsing;

/// <summary>
/// Decides whether an argument type can be serialized and collects the closure of
/// <see cref="ArgumentTypeModel"/>s its formatters need (user types recursively, cycles included).
/// One collector per job method; problems name the parameter they came from.
/// </summary>
internal sealed partial class ArgumentTypeCollector
{
    private const string MessagePackNamespace = "MessagePack";
    private readonly Dictionary<string, ArgumentTypeModel?> _types = new(StringComparer.Ordinal);
    private readonly List<JobProblem> _problems;
    private int _parameterIndex;

    public ArgumentTypeCollector(List<JobProblem> problems) => _problems = problems;

    /// <summary>False once any argument type (or member type) is internal: the generated API is then internal.</summary>
    public bool AllPublic { get; private set; } = true;

    /// <summary>The collected types, sorted by name (Ordinal).</summary>
    public EquatableArray<ArgumentTypeModel> Types =>
        EquatableArray.From(_types.Where(t => t.Value is not null).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Value!));

    /// <summary>Adds the type of parameter <paramref name="parameterIndex"/>; false (with problems) when unsupported.</summary>
    public bool AddParameter(ITypeSymbol type, int parameterIndex, string parameterName)
    {
        _parameterIndex = parameterIndex;
        return Add(type, "parameter '" + parameterName + "'");
    }

    private bool Add(ITypeSymbol type, string where)
    {
        var name = SymbolNames.FormatterName(type);
        if (_types.ContainsKey(name))
        {
            return true; // done, or in progress further up a recursive user type
        }

        if (!CheckAccessible(type, where))
        {
            return false;
        }

        var kind = Primitive(type.SpecialType);
        if (kind is { } primitive)
        {
            return Done(name, primitive, type.IsValueType);
        }

        switch (type)
        {
            case INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying }:
                return Done(name, ArgumentTypeKind.Enum, true, underlying.ToDisplayString());
            case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable:
                return Element(name, ArgumentTypeKind.Nullable, true, nullable.TypeArguments[0], where);
            case IArrayTypeSymbol { Rank: 1 } array when array.ElementType.SpecialType == SpecialType.System_Byte:
                return Done(name, ArgumentTypeKind.ByteArray, false);
            case IArrayTypeSymbol { Rank: 1 } array:
                return Element(name, ArgumentTypeKind.Array, false, array.ElementType, where);
            case INamedTypeSymbol { SpecialType: SpecialType.System_DateTime }:
                return Done(name, ArgumentTypeKind.DateTime, true);
        }

        if (SymbolNames.Is(type, "System", "Guid"))
        {
            return Done(name, ArgumentTypeKind.Guid, true);
        }

        if (SymbolNames.Is(type, "System", "DateTimeOffset"))
        {
            return Done(name, ArgumentTypeKind.DateTimeOffset, true);
        }

        if (SymbolNames.Is(type, "System", "TimeSpan"))
        {
            return Done(name, ArgumentTypeKind.TimeSpan, true);
        }

        if (AddNewerType(type, name, where) is { } newer)
        {
            return newer;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } generic)
        {
            const string collections = "System.Collections.Generic";
            var args = generic.TypeArguments;
            if (SymbolNames.Is(type, collections, "List", 1))
            {
                return Element(name, ArgumentTypeKind.List, false, args[0], where);
            }

            if (SymbolNames.Is(type, collections, "IReadOnlyList", 1))
            {
                return Element(name, ArgumentTypeKind.ReadOnlyList, false, args[0], where);
            }

            var isDictionary = SymbolNames.Is(type, collections, "Dictionary", 2);
            if (isDictionary || SymbolNames.Is(type, collections, "IReadOnlyDictionary", 2))
            {
                if (args[0].SpecialType != SpecialType.System_String || args[0].NullableAnnotation == NullableAnnotation.Annotated)
                {
                    return Problem(JobProblemKind.UnsupportedType, $"The {where} has type '{Show(type)}': dictionaries need non-null string keys (Dictionary<string, T> or IReadOnlyDictionary<string, T>).", null);
                }

                return Element(name, isDictionary ? ArgumentTypeKind.Dictionary : ArgumentTypeKind.ReadOnlyDictionary, false, args[1], where);
            }
        }

        if (type is INamedTypeSymbol named && HasAttribute(named, "MessagePackObjectAttribute"))
        {
            return UserType(name, named, where);
        }

        return Unsupported(type, where);
    }

    private bool UserType(string name, INamedTypeSymbol type, string where)
    {
        var attribute = type.GetAttributes().First(a => IsMessagePackAttribute(a.AttributeClass, "MessagePackObjectAttribute"));
        if (attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is true)
        {
            return Problem(JobProblemKind.StringKeys, $"The {where} has type '{Show(type)}' with [MessagePackObject(keyAsPropertyName: true)]: JobGen needs integer [Key(n)] members.", type);
        }

        if (type.IsAbstract || type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsGenericType)
        {
            return Problem(JobProblemKind.UnsupportedType, $"The {where} has type '{Show(type)}': only non-generic, non-abstract classes, records and structs can be job arguments.", type);
        }

        _types[name] = null; // in progress: a member of the same type refers back to it
        var ok = true;
        var members = new List<(ISymbol Symbol, ITypeSymbol Type, int Key, bool Settable)>();
        var keys = new HashSet<int>();
        foreach (var member in AllMembers(type))
        {
            var (memberType, settable, readable) = member switch
            {
                IFieldSymbol f => (f.Type, !f.IsReadOnly && !f.IsConst, true),
                IPropertySymbol p => (p.Type, p.SetMethod is { DeclaredAccessibility: Accessibility.Public }, p.GetMethod is { DeclaredAccessibility: Accessibility.Public }),
                _ => (null!, false, false),
            };
            var memberWhere = $"member '{Show(type)}.{member.Name}' of the {where}";
            var key = member.GetAttributes().FirstOrDefault(a => IsMessagePackAttribute(a.AttributeClass, "KeyAttribute"));
            if (key is null)
            {
                ok = Problem(JobProblemKind.MemberWithoutKey, $"The {memberWhere} has no [Key(n)] attribute: number it, or mark it [IgnoreMember].", member) && ok;
                continue;
            }

            if (key.ConstructorArguments.Length != 1 || key.ConstructorArguments[0].Value is not int index || index < 0)
            {
                ok = Problem(JobProblemKind.StringKeys, $"The {memberWhere} has a string key: JobGen needs integer [Key(n)] members.", member) && ok;
                continue;
            }

            if (!keys.Add(index))
            {
                ok = Problem(JobProblemKind.DuplicateKey, $"The {memberWhere} repeats [Key({index})]: every key of a type must be unique.", member) && ok;
                continue;
            }

            if (!readable)
            {
                ok = Problem(JobProblemKind.UnsupportedType, $"The {memberWhere} has no public getter.", member) && ok;
                continue;
            }

            ok = Add(memberType, memberWhere) && ok;
            members.Add((member, memberType, index, settable));
        }

        if (!ok)
        {
            _types.Remove(name);
            return false;
        }

        members.Sort((a, b) => a.Key.CompareTo(b.Key));
        var constructor = ChooseConstructor(type, members);
        if (constructor is null)
        {
            _types.Remove(name);
            return Problem(JobProblemKind.NoWayToConstruct, $"The {where} has type '{Show(type)}', which JobGen cannot construct: give it a public parameterless constructor and settable (or init) [Key] members, or a public constructor whose parameters match [Key] members by name.", type);
        }

        // Generated code satisfies `required` only through the object initializer, which sets the keyed members
        // that the constructor does not take.
        var initialized = new HashSet<string>(members.Select(m => m.Symbol.Name).Except(constructor), StringComparer.Ordinal);
        if (AllRequired(type).Any(r => !initialized.Contains(r)))
        {
            _types.Remove(name);
            return Problem(JobProblemKind.NoWayToConstruct, $"The {where} has type '{Show(type)}' with required members that are not [Key] members set after construction: JobGen cannot construct it.", type);
        }

        var inConstructor = new HashSet<string>(constructor, StringComparer.Ordinal);
        var models = members.Select(m => new ArgumentMemberModel(
            m.Symbol.Name, m.Key, SymbolNames.TypeName(m.Type), SymbolNames.FormatterName(m.Type), !inConstructor.Contains(m.Symbol.Name), SensitiveSymbols.IsMarked(m.Symbol)));
        _types[name] = new ArgumentTypeModel(name, ArgumentTypeKind.Object, type.IsValueType, "", "", EquatableArray.From(models), EquatableArray.From(constructor));
        return true;
    }

    /// <summary>Member names in constructor order ([] for the parameterless one), or null when no constructor fits.</summary>
    private static List<string>? ChooseConstructor(INamedTypeSymbol type, List<(ISymbol Symbol, ITypeSymbol Type, int Key, bool Settable)> members)
    {
        var constructors = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public && c.Parameters.All(p => p.RefKind == RefKind.None))
            .OrderByDescending(c => c.Parameters.Length == 0 ? int.MaxValue : c.Parameters.Length)
            .ToList();
        foreach (var ctor in constructors)
        {
            var names = new List<string>();
            foreach (var p in ctor.Parameters)
            {
                var match = members.FirstOrDefault(m => string.Equals(m.Symbol.Name, p.Name, StringComparison.OrdinalIgnoreCase));
                if (match.Symbol is null || !SymbolEqualityComparer.Default.Equals(match.Type, p.Type) || names.Contains(match.Symbol.Name))
                {
                    names = null;
                    break;
                }

                names.Add(match.Symbol.Name);
            }

            if (names is not null && members.All(m => m.Settable || names.Contains(m.Symbol.Name)))
            {
                return names;
            }
        }

        return type.IsValueType && members.All(m => m.Settable) ? new List<string>() : null;
    }

    private static IEnumerable<string> AllRequired(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            foreach (var member in t.GetMembers())
            {
                if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })
                {
                    yield return member.Name;
                }
            }
        }
    }

    private static IEnumerable<ISymbol> AllMembers(INamedTypeSymbol type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object && t.SpecialType != SpecialType.System_ValueType; t = t.BaseType)
        {
            foreach (var member in t.GetMembers())
            {
                if (member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility != Accessibility.Public
                    || member is not (IFieldSymbol or IPropertySymbol { IsIndexer: false })
                    || member.GetAttributes().Any(a => IsMessagePackAttribute(a.AttributeClass, "IgnoreMemberAttribute")
                        || SymbolNames.Is(a.AttributeClass, "System.Runtime.Serialization", "IgnoreDataMemberAttribute")))
                {
                    continue;
                }

                if (seen.Add(member.Name))
                {
                    yield return member;
                }
            }
        }
    }

    private bool Element(string name, ArgumentTypeKind kind, bool isValueType, ITypeSymbol element, string where)
    {
        _types[name] = null;
        if (!Add(element, where))
        {
            _types.Remove(name);
            return false;
        }

        _types[name] = new ArgumentTypeModel(name, kind, isValueType, SymbolNames.FormatterName(element), element.ToDisplayString(SymbolNames.TypeFormat), default, default);
        return true;
    }

    private bool Done(string name, ArgumentTypeKind kind, bool isValueType, string element = "")
    {
        _types[name] = new ArgumentTypeModel(name, kind, isValueType, element, "", default, default);
        return true;
    }

    private bool Unsupported(ITypeSymbol type, string where)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAbstract: false, IsGenericType: false } named
            && named.SpecialType == SpecialType.None
            && named.Locations.Any(l => l.IsInSource)
            && !named.IsRefLikeType
            && named.TypeKind != TypeKind.Delegate)
        {
            return Problem(JobProblemKind.MissingMessagePackObject, $"The {where} has type '{Show(type)}', which is not serializable: mark it [MessagePackObject] and number its members with [Key(n)].", named);
        }

        return Problem(JobProblemKind.UnsupportedType, $"The {where} has type '{Show(type)}', which JobGen cannot serialize: pass an id or a [MessagePackObject] type instead (supported: primitives, string, decimal, enums, Guid, DateTime, DateTimeOffset, TimeSpan, DateOnly, TimeOnly, Int128, UInt128, Half, Uri, Version, byte[], nullable, arrays, List/IReadOnlyList/ImmutableArray, Dictionary/IReadOnlyDictionary with string keys).", type);
    }

    private bool CheckAccessible(ITypeSymbol type, string where)
    {
        for (ISymbol? s = type is IArrayTypeSymbol ? null : type; s is INamedTypeSymbol t; s = t.ContainingType)
        {
            if (t.ContainingType is { IsGenericType: true })
            {
                return Problem(JobProblemKind.UnsupportedType, $"The {where} has type '{Show(type)}', which is nested in a generic type: move it out.", type);
            }

            if (t.IsFileLocal || t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                return Problem(JobProblemKind.InaccessibleArgumentType, $"The {where} has type '{Show(type)}', which generated code cannot reach: make it (and its containing types) public or internal.", type);
            }

            if (t.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedOrInternal)
            {
                AllPublic = false;
            }
        }

        return true;
    }

    private bool Problem(JobProblemKind kind, string message, ISymbol? symbol)
    {
        _problems.Add(new JobProblem(JobProblemIds.NotSerializable, kind, message, _parameterIndex, symbol));
        return false;
    }

    private static bool HasAttribute(INamedTypeSymbol type, string name) =>
        type.GetAttributes().Any(a => IsMessagePackAttribute(a.AttributeClass, name));

    private static bool IsMessagePackAttribute(INamedTypeSymbol? attribute, string name) =>
        SymbolNames.Is(attribute, MessagePackNamespace, name);

    private static string Show(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

    private static ArgumentTypeKind? Primitive(SpecialType type) => type switch
    {
        SpecialType.System_Boolean => ArgumentTypeKind.Boolean,
        SpecialType.System_Byte => ArgumentTypeKind.Byte,
        SpecialType.System_SByte => ArgumentTypeKind.SByte,
        SpecialType.System_Int16 => ArgumentTypeKind.Int16,
        SpecialType.System_UInt16 => ArgumentTypeKind.UInt16,
        SpecialType.System_Int32 => ArgumentTypeKind.Int32,
        SpecialType.System_UInt32 => ArgumentTypeKind.UInt32,
        SpecialType.System_Int64 => ArgumentTypeKind.Int64,
        SpecialType.System_UInt64 => ArgumentTypeKind.UInt64,
        SpecialType.System_Single => ArgumentTypeKind.Single,
        SpecialType.System_Double => ArgumentTypeKind.Double,
        SpecialType.System_Char => ArgumentTypeKind.Char,
        SpecialType.System_String => ArgumentTypeKind.String,
        SpecialType.System_Decimal => ArgumentTypeKind.Decimal,
        _ => null,
    };
}
