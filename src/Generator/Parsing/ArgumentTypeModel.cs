namespace JobGen.Generator.Parsing;

/// <summary>
/// One type the argument formatters handle. Types refer to each other by <see cref="Name"/>, so a recursive
/// user type is a finite list, and the generator emits one Write/Read pair per distinct name.
/// </summary>
/// <param name="Name">The <c>global::</c> type name with nested nullable annotations and no top-level '?' on reference types.</param>
/// <param name="Kind">The encoding (see docs/wire-format-arguments.md).</param>
/// <param name="IsValueType">Value types are never nil.</param>
/// <param name="ElementName">Nullable/array/list/dictionary: the element's (value's) <see cref="Name"/>; enums: the underlying C# keyword.</param>
/// <param name="ElementTypeName">The element's type exactly as written inside <see cref="Name"/> (e.g. <c>string?</c>), for constructing the collection.</param>
/// <param name="Members">User types: the <c>[Key]</c> members, sorted by key.</param>
/// <param name="ConstructorArguments">User types built through a constructor: member names in constructor parameter order; empty for a parameterless constructor.</param>
internal sealed record ArgumentTypeModel(
    string Name,
    ArgumentTypeKind Kind,
    bool IsValueType,
    string ElementName,
    string ElementTypeName,
    EquatableArray<ArgumentMemberModel> Members,
    EquatableArray<string> ConstructorArguments);

/// <summary>One <c>[Key(n)]</c> member of a <c>[MessagePackObject]</c> type.</summary>
/// <param name="Name">The member name.</param>
/// <param name="Key">The integer key: its index in the encoded array.</param>
/// <param name="TypeName">The member's annotated type (for locals).</param>
/// <param name="FormatterTypeName">The key of its <see cref="ArgumentTypeModel"/>.</param>
/// <param name="IsSetInInitializer">Set in the object initializer (false when a constructor parameter takes it).</param>
/// <param name="IsSensitive">Marked <c>[Sensitive]</c>: encrypted on the wire (docs/security.md).</param>
internal sealed record ArgumentMemberModel(
    string Name,
    int Key,
    string TypeName,
    string FormatterTypeName,
    bool IsSetInInitializer,
    bool IsSensitive = false);

/// <summary>The encodings. Keep in step with docs/wire-format-arguments.md.</summary>
internal enum ArgumentTypeKind
{
    Boolean,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Char,
    String,
    Decimal,
    Enum,
    Guid,
    DateTime,
    DateTimeOffset,
    TimeSpan,
    ByteArray,
    Nullable,
    Array,
    List,
    ReadOnlyList,
    Dictionary,
    ReadOnlyDictionary,
    Object,
    DateOnly,
    TimeOnly,
    Int128,
    UInt128,
    Half,
    Uri,
    Version,
    ImmutableArray,
}
