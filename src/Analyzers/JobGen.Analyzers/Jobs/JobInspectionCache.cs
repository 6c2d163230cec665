using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace JobGen.Analyzers.Jobs;

/// <summary>
/// Parses each job once per compilation although two analyzers (declaration and manifest) need the result.
/// Keyed weakly on the compilation, so nothing outlives it.
/// </summary>
internal static class JobInspectionCache
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, JobInspection>> Cache = new();

    public static JobInspection Get(IMethodSymbol method, KnownSymbols known, CancellationToken cancellationToken)
    {
        var perCompilation = Cache.GetValue(known.Compilation, _ => new ConcurrentDictionary<IMethodSymbol, JobInspection>(SymbolEqualityComparer.Default));
        if (perCompilation.TryGetValue(method, out var inspection))
        {
            return inspection;
        }

        inspection = JobInspector.Inspect(method, known, cancellationToken);
        return perCompilation.GetOrAdd(method, inspection);
    }
}
