using JobGen.Analyzers.Manifest;
using Microsoft.CodeAnalysis.Text;

namespace JobGen.Analyzers.Tests;

/// <summary>The JobGen.Shipped.txt reader/writer and the compatibility comparison, without a compiler.</summary>
public sealed class ManifestFormatTests
{
    [Fact]
    public void Parses_generics_defaults_with_commas_and_empty_argument_lists()
    {
        var (entries, errors) = ManifestFormat.Parse(SourceText.From("""
            # comment

            a.one(map:System.Collections.Generic.Dictionary<string, int>, note:string="a, b)", n:int=5)
            Some.Type.Method()
            """));

        Assert.Empty(errors);
        Assert.Equal(["a.one", "Some.Type.Method"], entries.Select(e => e.JobId));
        var args = entries[0].Arguments;
        Assert.Equal(["map", "note", "n"], args.Select(a => a.Name));
        Assert.Equal("System.Collections.Generic.Dictionary<string, int>", args[0].Type);
        Assert.Null(args[0].DefaultValue);
        Assert.Equal("\"a, b)\"", args[1].DefaultValue);
        Assert.Equal("5", args[2].DefaultValue);
        Assert.Empty(entries[1].Arguments);
    }

    [Theory]
    [InlineData("no parentheses")]
    [InlineData("(x:int)")]
    [InlineData("a.b(x)")]
    [InlineData("a.b(x:)")]
    [InlineData("a.b(x:int")]
    public void Rejects_lines_that_are_not_entries(string line)
    {
        var (entries, errors) = ManifestFormat.Parse(SourceText.From(line));
        Assert.Empty(entries);
        Assert.Single(errors);
    }

    [Fact]
    public void WithLine_replaces_inserts_sorted_and_removes()
    {
        const string manifest = "# header\nb.job(x:int)\nd.job()\n";
        Assert.Equal("# header\na.job()\nb.job(x:int)\nd.job()\n", ManifestFormat.WithLine(manifest, "a.job", "a.job()"));
        Assert.Equal("# header\nb.job(x:int)\nc.job()\nd.job()\n", ManifestFormat.WithLine(manifest, "c.job", "c.job()"));
        Assert.Equal("# header\nb.job(x:long)\nd.job()\n", ManifestFormat.WithLine(manifest, "b.job", "b.job(x:long)"));
        Assert.Equal("# header\nd.job()\n", ManifestFormat.WithLine(manifest, "b.job", null));
        Assert.Equal("a.job()\n", ManifestFormat.WithLine(string.Empty, "a.job", "a.job()"));
    }

    [Theory]
    [InlineData("a:int, b:string", "a:int, b:string", "", "")]
    [InlineData("a:int", "a:int, b:string", "argument 'b' was added without a default value", "")]
    [InlineData("a:int", "a:int, b:string=\"x\"", "", "argument 'b' was added with a default value")]
    [InlineData("a:int, b:string", "b:string", "argument 'a' was removed; argument 'b' moved from position 2 to 1", "")]
    [InlineData("a:int, b:string", "a:int, x:int, b:string", "argument 'b' moved from position 2 to 3; argument 'x' was inserted at position 2 (only appending is compatible)", "")]
    [InlineData("a:int", "a:long", "", "argument 'a' was widened from int to long")]
    [InlineData("a:long", "a:int", "argument 'a' was narrowed from long to int (a queued value may not fit)", "")]
    [InlineData("a:string", "a:string?", "", "argument 'a' changed from string to string?")]
    [InlineData("a:int", "id:int", "", "argument 'a' renamed to 'id'")]
    [InlineData("a:int, b:int", "b:int, a:int", "argument 'a' moved from position 1 to 2; argument 'b' moved from position 2 to 1", "")]
    public void Compare_tells_breaking_from_compatible(string shipped, string current, string breaking, string compatible)
    {
        var (result, _) = ManifestFormat.Parse(SourceText.From($"s({shipped})\nc({current})"));
        var (b, c) = ManifestComparer.Compare(result[0], result[1]);
        Assert.Equal(breaking, string.Join("; ", b));
        Assert.Equal(compatible, string.Join("; ", c));
    }
}
