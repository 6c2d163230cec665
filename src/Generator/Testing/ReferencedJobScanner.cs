using System.Collections.Generic;
using System.Linq;
using System.Threading;
using JobGen.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace JobGen.Generator.Testing;

/// <summary>Whether a compilation gets typed assertions, and the jobs of its referenced assemblies.</summary>
/// <param name="Enabled">The compilation references JobGen.Testing.</param>
/// <param name="AssemblyName">The compilation's assembly name.</param>
/// <param name="Jobs">Valid jobs declared in referenced assemblies that this compilation can call, in metadata order.</param>
internal sealed record ReferencedJobs(bool Enabled, string AssemblyName, EquatableArray<JobModel> Jobs);

/// <summary>
/// Finds the <c>[BackgroundJob]</c> methods of the assemblies a test project references (only those that reference
/// JobGen.Runtime are walked) and parses them with <see cref="JobParser"/>, as the generator parses source.
/// </summary>
internal static class ReferencedJobScanner
{
    public const string MarkerMetadataName = "JobGen.Testing.JobGenTestingMarker";
    private const string RuntimeAssembly = "JobGen.Runtime";

    public static ReferencedJobs Scan(Compilation compilation, CancellationToken cancellationToken)
    {
        var name = compilation.AssemblyName ?? "Assembly";
        if (compilation.GetTypeByMetadataName(MarkerMetadataName) is null)
        {
            return new ReferencedJobs(false, name, default);
        }

        var jobs = new List<JobModel>();
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!UsesJobGen(assembly))
            {
                continue;
            }

            var internalsVisible = assembly.GivesAccessTo(compilation.Assembly);
            foreach (var type in AllTypes(assembly.GlobalNamespace))
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is IMethodSymbol method && JobParser.FindAttribute(method) is { } attribute
                        && JobParser.Parse(method, attribute, cancellationToken).Job is { } job
                        && (job.IsPublic || internalsVisible))
                    {
                        jobs.Add(job);
                    }
                }
            }
        }

        return new ReferencedJobs(true, name, new EquatableArray<JobModel>(jobs.ToArray()));
    }

    private static bool UsesJobGen(IAssemblySymbol assembly) =>
        assembly.Name != RuntimeAssembly
        && assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == RuntimeAssembly));

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceOrTypeSymbol container)
    {
        foreach (var member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                foreach (var type in AllTypes(ns))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                yield return type;
                foreach (var nested in AllTypes(type))
                {
                    yield return nested;
                }
            }
        }
    }
}
