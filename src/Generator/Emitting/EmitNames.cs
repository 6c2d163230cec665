using System;
using System.Collections.Generic;
using System.Text;
using JobGen.Generator.Parsing;
using Microsoft.CodeAnalysis.CSharp;

namespace JobGen.Generator.Emitting;

/// <summary>Names and literals shared by the emitters.</summary>
internal static class EmitNames
{
    public const string GeneratorName = "JobGen.Generator";

    /// <summary>The version in <c>[GeneratedCode]</c>: the product version (Directory.Build.props), a constant so snapshots only change on purpose.</summary>
    public const string GeneratorVersion = ProductVersion.Value;

    public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"" + GeneratorName + "\", \"" + GeneratorVersion + "\")]";

    public const string Writer = "global::MessagePack.MessagePackWriter";
    public const string Reader = "global::MessagePack.MessagePackReader";
    public const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string SerializationException = "global::MessagePack.MessagePackSerializationException";

    /// <summary>A string literal.</summary>
    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>Text safe inside a single-line comment: line breaks and control characters become spaces.</summary>
    public static string Comment(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        }

        return sb.ToString();
    }

    /// <summary>An identifier, with '@' when it is a C# keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>
    /// <paramref name="wanted"/>, or with '_' appended until it differs from every job argument name:
    /// a job parameter named <c>options</c> makes the generated one <c>options_</c>.
    /// </summary>
    public static string Unique(string wanted, IEnumerable<JobParameterModel> parameters)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            taken.Add(p.Name);
        }

        var name = wanted;
        while (taken.Contains(name))
        {
            name += "_";
        }

        return name;
    }

    /// <summary>A readable identifier fragment for a type name: <c>global::System.Collections.Generic.List&lt;int?&gt;</c> gives <c>ListOfNullableInt</c>-like text.</summary>
    public static string TypeIdentifier(string typeName)
    {
        var text = typeName.Replace("global::", "")
            .Replace("System.Collections.Generic.", "")
            .Replace("System.", "");
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                sb.Append(sb.Length == 0 || text[i - 1] is '.' or '<' or ',' or ' ' ? char.ToUpperInvariant(c) : c);
            }
            else if (c == '.')
            {
                sb.Append('_');
            }
            else if (c == '<')
            {
                sb.Append("Of");
            }
            else if (c == ',')
            {
                sb.Append("And");
            }
            else if (c == '?')
            {
                sb.Append("Nullable");
            }
            else if (c == '[')
            {
                sb.Append("Array");
            }
        }

        return sb.ToString();
    }
}
