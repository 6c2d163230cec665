using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using JobGen.Generator.Model;
using JobGen.Generator.Parsing;

namespace JobGen.Generator.Emitting;

/// <summary>
/// Emits the file-local formatter class: one <c>Write_X</c>/<c>Read_X</c> pair per distinct argument type,
/// using only <c>MessagePackWriter</c>/<c>MessagePackReader</c> (encodings in docs/wire-format-arguments.md).
/// </summary>
internal sealed partial class FormatterEmitter
{
    private readonly JobSetModel _set;
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ArgumentTypeModel> _types = new(StringComparer.Ordinal);

    public FormatterEmitter(JobSetModel set)
    {
        _set = set;
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in set.Types)
        {
            var id = EmitNames.TypeIdentifier(type.Name);
            var unique = id;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = id + n.ToString(CultureInfo.InvariantCulture);
            }

            _ids[type.Name] = unique;
            _types[type.Name] = type;
        }
    }

    /// <summary><c>Formatters.Write_X(ref writer, value);</c></summary>
    public string WriteCall(string typeName, string writer, string value) =>
        $"{_set.FormattersName}.Write_{_ids[typeName]}(ref {writer}, {value});";

    /// <summary><c>Formatters.Read_X(ref reader)</c></summary>
    public string ReadCall(string typeName, string reader) =>
        $"{_set.FormattersName}.Read_{_ids[typeName]}(ref {reader})";

    public void Emit(SourceWriter w)
    {
        w.Line("/// <summary>Argument formatters of this assembly's jobs: MessagePackWriter/Reader only, no resolver, no reflection.</summary>");
        w.Line(EmitNames.GeneratedCode);
        w.Open($"file static class {_set.FormattersName}");
        w.Line($"public static global::System.Exception MissingArgument(string name, int index, int count) =>");
        w.Indent().Line($"new {EmitNames.SerializationException}(\"The payload has \" + count.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \" argument(s); parameter '\" + name + \"' (#\" + (index + 1).ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \") is missing and has no default value.\");").Unindent();
        if (_set.Types.Any(t => t.Kind is ArgumentTypeKind.Array or ArgumentTypeKind.ReadOnlyList))
        {
            w.Line();
            w.Line("private static T[] NewArray<T>(int count) => count == 0 ? global::System.Array.Empty<T>() : new T[count];");
        }

        if (_set.Types.Any(t => t.Kind == ArgumentTypeKind.DateTime))
        {
            w.Line();
            w.Line("// DateTime: ticks in the low 62 bits, DateTimeKind in the top 2 (docs/wire-format-arguments.md).");
            w.Line("private static global::System.DateTime FromDateTimeData(long data) =>");
            w.Indent().Line("new global::System.DateTime(data & 0x3FFFFFFFFFFFFFFF, (global::System.DateTimeKind)((ulong)data >> 62));").Unindent();
        }
        foreach (var type in _set.Types)
        {
            w.Line();
            EmitType(w, type);
        }

        w.Close();
    }

    private void EmitType(SourceWriter w, ArgumentTypeModel type)
    {
        var id = _ids[type.Name];
        var nullableIn = type.IsValueType ? type.Name : type.Name + "?";
        var write = $"public static void Write_{id}(ref {EmitNames.Writer} writer, {nullableIn} value)";
        var read = $"public static {type.Name} Read_{id}(ref {EmitNames.Reader} reader)";
        var simple = Simple(type);
        if (simple is { } pair)
        {
            w.Line(write + " => " + pair.Write + ";");
            w.Line(read + " => " + pair.Read + ";");
            return;
        }

        w.Open(write);
        if (!type.IsValueType)
        {
            w.Open("if (value is null)").Line("writer.WriteNil();").Line("return;").Close().Line();
        }

        WriteBody(w, type);
        w.Close();
        w.Line();
        w.Open(read);
        if (!type.IsValueType)
        {
            w.Open("if (reader.TryReadNil())").Line("return null!;").Close().Line();
        }

        ReadBody(w, type);
        w.Close();
    }

    private static (string Write, string Read)? Simple(ArgumentTypeModel type)
    {
        const string invariant = "global::System.Globalization.CultureInfo.InvariantCulture";
        return type.Kind switch
        {
            ArgumentTypeKind.Boolean => ("writer.Write(value)", "reader.ReadBoolean()"),
            ArgumentTypeKind.Byte => ("writer.Write(value)", "reader.ReadByte()"),
            ArgumentTypeKind.SByte => ("writer.Write(value)", "reader.ReadSByte()"),
            ArgumentTypeKind.Int16 => ("writer.Write(value)", "reader.ReadInt16()"),
            ArgumentTypeKind.UInt16 => ("writer.Write(value)", "reader.ReadUInt16()"),
            ArgumentTypeKind.Int32 => ("writer.Write(value)", "reader.ReadInt32()"),
            ArgumentTypeKind.UInt32 => ("writer.Write(value)", "reader.ReadUInt32()"),
            ArgumentTypeKind.Int64 => ("writer.Write(value)", "reader.ReadInt64()"),
            ArgumentTypeKind.UInt64 => ("writer.Write(value)", "reader.ReadUInt64()"),
            ArgumentTypeKind.Single => ("writer.Write(value)", "reader.ReadSingle()"),
            ArgumentTypeKind.Double => ("writer.Write(value)", "reader.ReadDouble()"),
            ArgumentTypeKind.Char => ("writer.Write(value)", "reader.ReadChar()"),
            ArgumentTypeKind.String => ("writer.Write(value)", "reader.ReadString()!"),
            ArgumentTypeKind.Decimal => ($"writer.Write(value.ToString({invariant}))",
                $"decimal.Parse(reader.ReadString() ?? throw new {EmitNames.SerializationException}(\"A decimal cannot be nil.\"), global::System.Globalization.NumberStyles.Number, {invariant})"),
            ArgumentTypeKind.Enum => ($"writer.Write(({type.ElementName})value)", $"({type.Name}){ReadInteger(type.ElementName)}"),
            ArgumentTypeKind.TimeSpan => ("writer.Write(value.Ticks)", "new global::System.TimeSpan(reader.ReadInt64())"),
            ArgumentTypeKind.DateTime => ("writer.Write(unchecked((long)((ulong)value.Ticks | ((ulong)value.Kind << 62))))",
                "FromDateTimeData(reader.ReadInt64())"),
            _ => NewerSimple(type),
        };
    }

    private void WriteBody(SourceWriter w, ArgumentTypeModel type)
    {
        switch (type.Kind)
        {
            case ArgumentTypeKind.Guid:
                w.Line("writer.WriteBinHeader(16);");
                w.Line("value.TryWriteBytes(writer.GetSpan(16), bigEndian: true, out _);");
                w.Line("writer.Advance(16);");
                break;
            case ArgumentTypeKind.DateTimeOffset:
                w.Line("writer.WriteArrayHeader(2);");
                w.Line("writer.Write(value.Ticks);");
                w.Line("writer.Write((short)(value.Offset.Ticks / global::System.TimeSpan.TicksPerMinute));");
                break;
            case ArgumentTypeKind.ByteArray:
                w.Line("writer.Write(new global::System.ReadOnlySpan<byte>(value));");
                break;
            case ArgumentTypeKind.Nullable:
                w.Open("if (value is null)").Line("writer.WriteNil();").Close();
                w.Open("else").Line(WriteCall(type.ElementName, "writer", "value.GetValueOrDefault()")).Close();
                break;
            case ArgumentTypeKind.Array:
                w.Line("writer.WriteArrayHeader(value.Length);");
                w.Open("for (var i = 0; i < value.Length; i++)").Line(WriteCall(type.ElementName, "writer", "value[i]")).Close();
                break;
            case ArgumentTypeKind.List:
            case ArgumentTypeKind.ReadOnlyList:
                w.Line("var count = value.Count;");
                w.Line("writer.WriteArrayHeader(count);");
                w.Open("for (var i = 0; i < count; i++)").Line(WriteCall(type.ElementName, "writer", "value[i]")).Close();
                break;
            case ArgumentTypeKind.Dictionary:
            case ArgumentTypeKind.ReadOnlyDictionary:
                w.Line("writer.WriteMapHeader(value.Count);");
                w.Open("foreach (var pair in value)");
                w.Line("writer.Write(pair.Key);");
                w.Line(WriteCall(type.ElementName, "writer", "pair.Value"));
                w.Close();
                break;
            case ArgumentTypeKind.Object:
                WriteObject(w, type);
                break;
            default:
                if (!WriteNewerBody(w, type))
                {
                    throw new InvalidOperationException("No writer for " + type.Kind);
                }

                break;
        }
    }

    private void WriteObject(SourceWriter w, ArgumentTypeModel type)
    {
        var members = type.Members;
        var length = members.Count == 0 ? 0 : members[members.Count - 1].Key + 1;
        w.Line($"writer.WriteArrayHeader({length.ToString(CultureInfo.InvariantCulture)});");
        var next = 0;
        foreach (var member in members)
        {
            for (; next < member.Key; next++)
            {
                w.Line($"writer.WriteNil(); // [Key({next.ToString(CultureInfo.InvariantCulture)})] unused");
            }

            w.Line(SensitiveEmitter.WriteMemberCall(this, type.Name, member, "writer", "value." + EmitNames.Identifier(member.Name)));
            next = member.Key + 1;
        }
    }

    private void ReadBody(SourceWriter w, ArgumentTypeModel type)
    {
        if (type.Kind is ArgumentTypeKind.Array or ArgumentTypeKind.ReadOnlyList or ArgumentTypeKind.List
            or ArgumentTypeKind.Dictionary or ArgumentTypeKind.ReadOnlyDictionary or ArgumentTypeKind.Object or ArgumentTypeKind.ImmutableArray)
        {
            // Containers and objects recurse: a forged payload nested 100,000 deep must become a decode error
            // (InsufficientExecutionStackException, caught by the argument decoder), never a stack overflow
            // that kills the worker and every worker that fetches the job after it.
            w.Line("global::System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();");
        }

        switch (type.Kind)
        {
            case ArgumentTypeKind.Guid:
                w.Line($"var sequence = reader.ReadBytes() ?? throw new {EmitNames.SerializationException}(\"A Guid cannot be nil.\");");
                w.Open("if (sequence.Length != 16)").Line($"throw new {EmitNames.SerializationException}(\"A Guid is 16 bytes.\");").Close();
                w.Line("global::System.Span<byte> bytes = stackalloc byte[16];");
                w.Line("global::System.Buffers.BuffersExtensions.CopyTo(sequence, bytes);");
                w.Line("return new global::System.Guid(bytes, bigEndian: true);");
                break;
            case ArgumentTypeKind.DateTimeOffset:
                w.Open("if (reader.ReadArrayHeader() != 2)").Line($"throw new {EmitNames.SerializationException}(\"A DateTimeOffset is an array of 2.\");").Close();
                w.Line("var ticks = reader.ReadInt64();");
                w.Line("var minutes = reader.ReadInt16();");
                w.Line("return new global::System.DateTimeOffset(ticks, new global::System.TimeSpan(minutes * global::System.TimeSpan.TicksPerMinute));");
                break;
            case ArgumentTypeKind.ByteArray:
                w.Line("var sequence = reader.ReadBytes();");
                w.Line("return sequence is { } bytes ? global::System.Buffers.BuffersExtensions.ToArray(bytes) : null!;");
                break;
            case ArgumentTypeKind.Nullable:
                w.Line($"return reader.TryReadNil() ? default({type.Name}) : {ReadCall(type.ElementName, "reader")};");
                break;
            case ArgumentTypeKind.Array:
            case ArgumentTypeKind.ReadOnlyList:
                w.Line("var count = reader.ReadArrayHeader();");
                w.Line($"var result = NewArray<{type.ElementTypeName}>(count);");
                w.Open("for (var i = 0; i < count; i++)").Line($"result[i] = {ReadCall(type.ElementName, "reader")};").Close();
                w.Line();
                w.Line("return result;");
                break;
            case ArgumentTypeKind.List:
                w.Line("var count = reader.ReadArrayHeader();");
                w.Line($"var result = new global::System.Collections.Generic.List<{type.ElementTypeName}>(count);");
                w.Open("for (var i = 0; i < count; i++)").Line($"result.Add({ReadCall(type.ElementName, "reader")});").Close();
                w.Line();
                w.Line("return result;");
                break;
            case ArgumentTypeKind.Dictionary:
            case ArgumentTypeKind.ReadOnlyDictionary:
                w.Line("var count = reader.ReadMapHeader();");
                w.Line($"var result = new global::System.Collections.Generic.Dictionary<string, {type.ElementTypeName}>(count, global::System.StringComparer.Ordinal);");
                w.Open("for (var i = 0; i < count; i++)");
                w.Line($"var key = reader.ReadString() ?? throw new {EmitNames.SerializationException}(\"A dictionary key cannot be nil.\");");
                w.Line($"result[key] = {ReadCall(type.ElementName, "reader")};");
                w.Close();
                w.Line();
                w.Line("return result;");
                break;
            case ArgumentTypeKind.Object:
                ReadObject(w, type);
                break;
            default:
                if (!ReadNewerBody(w, type))
                {
                    throw new InvalidOperationException("No reader for " + type.Kind);
                }

                break;
        }
    }

    private void ReadObject(SourceWriter w, ArgumentTypeModel type)
    {
        var members = type.Members;
        w.Line("var count = reader.ReadArrayHeader();");
        for (var i = 0; i < members.Count; i++)
        {
            w.Line($"{members[i].TypeName} m{i.ToString(CultureInfo.InvariantCulture)} = default!;");
        }

        w.Open("for (var i = 0; i < count; i++)");
        w.Open("switch (i)");
        for (var i = 0; i < members.Count; i++)
        {
            w.Line($"case {members[i].Key.ToString(CultureInfo.InvariantCulture)}:");
            w.Indent().Line($"m{i.ToString(CultureInfo.InvariantCulture)} = {SensitiveEmitter.ReadMemberCall(this, type.Name, members[i], "reader")};").Line("break;").Unindent();
        }

        w.Line("default:");
        w.Indent().Line("reader.Skip();").Line("break;").Unindent();
        w.Close();
        w.Close();
        w.Line();

        var index = members.Select((m, i) => (m.Name, i)).ToDictionary(x => x.Name, x => "m" + x.i.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var ctorArgs = string.Join(", ", type.ConstructorArguments.Select(name => index[name]));
        var initialized = members.Where(m => m.IsSetInInitializer).ToList();
        if (initialized.Count == 0)
        {
            w.Line($"return new {type.Name}({ctorArgs});");
            return;
        }

        w.Line($"return new {type.Name}({ctorArgs})");
        w.Open();
        foreach (var member in initialized)
        {
            w.Line($"{EmitNames.Identifier(member.Name)} = {index[member.Name]},");
        }

        w.Close(";");
    }

    private static string ReadInteger(string keyword) => keyword switch
    {
        "byte" => "reader.ReadByte()",
        "sbyte" => "reader.ReadSByte()",
        "short" => "reader.ReadInt16()",
        "ushort" => "reader.ReadUInt16()",
        "uint" => "reader.ReadUInt32()",
        "long" => "reader.ReadInt64()",
        "ulong" => "reader.ReadUInt64()",
        _ => "reader.ReadInt32()",
    };
}
