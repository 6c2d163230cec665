using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace JobGen.Analyzers.Manifest;

/// <summary>One line of <c>JobGen.Shipped.txt</c>: <c>id(name:type, name:type=default)</c>.</summary>
internal sealed class ManifestEntry
{
    public ManifestEntry(string jobId, ImmutableArray<ManifestArgument> arguments, TextSpan span, string? schedule = null)
    {
        Schedule = schedule;
        JobId = jobId;
        Arguments = arguments;
        Span = span;
    }

    public string JobId { get; }

    public ImmutableArray<ManifestArgument> Arguments { get; }

    /// <summary>The recurring schedule recorded after the arguments (<c>@ "cron" Zone [skip]</c>), or null.</summary>
    public string? Schedule { get; }

    /// <summary>Where the line is in the file (empty for entries built from code).</summary>
    public TextSpan Span { get; }
}

/// <summary>One argument of a manifest entry.</summary>
internal sealed class ManifestArgument
{
    public ManifestArgument(string name, string type, string? defaultValue)
    {
        Name = name;
        Type = type;
        DefaultValue = defaultValue;
    }

    public string Name { get; }

    /// <summary>The C# type as written (no <c>global::</c>).</summary>
    public string Type { get; }

    /// <summary>The default value as C# text, or null when the argument has none.</summary>
    public string? DefaultValue { get; }

    /// <summary>The type compared for compatibility: whitespace and nullable annotations ignored (both decode the same payload).</summary>
    public string WireType => Type.Replace(" ", string.Empty).Replace("?", string.Empty);
}
