using System.IO.Compression;
using System.Xml.Linq;

namespace JobGen.Packaging.Tests;

/// <summary>What each package declares: the dependencies a user's restore will see.</summary>
public sealed class PackageManifestTests(PackedFeed packages)
{
    [Fact]
    public void JobGen_depends_on_no_redis_client_and_on_the_lowest_Microsoft_Extensions_patch()
    {
        var dependencies = Dependencies("JobGen");

        Assert.DoesNotContain("StackExchange.Redis", dependencies.Keys);
        var extensions = dependencies.Where(d => d.Key.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(extensions);
        Assert.All(extensions, d => Assert.Equal("10.0.0", d.Value));
    }

    [Fact]
    public void JobGen_Redis_brings_the_redis_client_and_JobGen_itself()
    {
        var dependencies = Dependencies("JobGen.Redis");

        Assert.Contains("StackExchange.Redis", dependencies.Keys);
        Assert.Equal(packages.Version, dependencies["JobGen"]);
    }

    [Fact]
    public void JobGen_Storage_Testing_brings_xunit_and_JobGen_and_no_storage()
    {
        var dependencies = Dependencies("JobGen.Storage.Testing");

        Assert.Equal(packages.Version, dependencies["JobGen"]);
        Assert.Contains("xunit.v3.extensibility.core", dependencies.Keys);
        Assert.DoesNotContain("StackExchange.Redis", dependencies.Keys);
    }

    [Fact]
    public void JobGen_OpenTelemetry_brings_the_API_builder_extensions_not_the_SDK_and_JobGen_none_of_them()
    {
        var dependencies = Dependencies("JobGen.OpenTelemetry");

        Assert.Equal(packages.Version, dependencies["JobGen"]);
        Assert.Contains("OpenTelemetry.Api.ProviderBuilderExtensions", dependencies.Keys);
        Assert.DoesNotContain("OpenTelemetry", dependencies.Keys);
        Assert.DoesNotContain(Dependencies("JobGen").Keys, id => id.StartsWith("OpenTelemetry", StringComparison.Ordinal));
    }

    /// <summary>The nuspec's dependencies of one package: id to the minimum version of its range.</summary>
    private Dictionary<string, string> Dependencies(string id)
    {
        using var package = ZipFile.OpenRead(Path.Combine(packages.Feed, $"{id}.{packages.Version}.nupkg"));
        using var nuspec = package.GetEntry($"{id}.nuspec")!.Open();
        var document = XDocument.Load(nuspec);
        return document.Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value.Trim('[', ']', '(', ')').Split(',')[0].Trim());
    }
}
