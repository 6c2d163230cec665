using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace JobGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// Offline references for test compilations (the reference-assembly packages are not downloaded): the running framework's assemblies plus JobGen.Runtime,
/// MessagePack and the Microsoft.Extensions abstractions, all taken from the test host's trusted platform assemblies.
/// </summary>
internal static class TestReferences
{
    /// <summary>An empty net10.0 set: every reference comes from <see cref="All"/>, nothing is downloaded.</summary>
    public static readonly ReferenceAssemblies ReferenceAssemblies = new("net10.0");

    public static readonly ImmutableArray<MetadataReference> All = Load();

    private static ImmutableArray<MetadataReference> Load()
    {
        _ = typeof(BackgroundJobAttribute); // JobGen.Runtime is loaded and listed
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return paths
            .Where(p => Path.GetFileName(p) is var name
                && (p.Contains("Microsoft.NETCore.App", StringComparison.Ordinal)
                    || name.StartsWith("JobGen.Runtime", StringComparison.Ordinal)
                    || name.StartsWith("MessagePack", StringComparison.Ordinal)
                    || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)))
            .Where(p => !Path.GetFileName(p).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
