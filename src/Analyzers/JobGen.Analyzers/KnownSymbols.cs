using Microsoft.CodeAnalysis;

namespace JobGen.Analyzers;

/// <summary>
/// The JobGen and framework types the analyzers compare against, resolved once per compilation.
/// <see cref="Create"/> returns null when the compilation does not reference JobGen: every analyzer then stops.
/// </summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation, INamedTypeSymbol backgroundJob)
    {
        Compilation = compilation;
        BackgroundJobAttribute = backgroundJob;
        IdempotentJobAttribute = compilation.GetTypeByMetadataName("JobGen.IdempotentJobAttribute");
        JobContext = compilation.GetTypeByMetadataName("JobGen.JobContext");
        JobClient = compilation.GetTypeByMetadataName("JobGen.IJobClient");
        EnqueueOptions = compilation.GetTypeByMetadataName("JobGen.EnqueueOptions");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        MessagePackObjectAttribute = compilation.GetTypeByMetadataName("MessagePack.MessagePackObjectAttribute");
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol BackgroundJobAttribute { get; }

    public INamedTypeSymbol? IdempotentJobAttribute { get; }

    public INamedTypeSymbol? JobContext { get; }

    public INamedTypeSymbol? JobClient { get; }

    public INamedTypeSymbol? EnqueueOptions { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? MessagePackObjectAttribute { get; }

    public static KnownSymbols? Create(Compilation compilation)
    {
        var attribute = compilation.GetTypeByMetadataName("JobGen.BackgroundJobAttribute");
        return attribute is null ? null : new KnownSymbols(compilation, attribute);
    }

    /// <summary>The method's <c>[BackgroundJob]</c>, or null.</summary>
    public AttributeData? GetJobAttribute(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, BackgroundJobAttribute))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>Whether an ordinary method carries <c>[BackgroundJob]</c>.</summary>
    public bool IsJob(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Ordinary && GetJobAttribute(method) is not null;

    /// <summary>The <c>[IdempotentJob]</c> on the method or one of its containing types, or null.</summary>
    public AttributeData? FindIdempotentOptOut(IMethodSymbol method)
    {
        if (IdempotentJobAttribute is null)
        {
            return null;
        }

        for (ISymbol? symbol = method; symbol is not null; symbol = symbol.ContainingType)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, IdempotentJobAttribute))
                {
                    return attribute;
                }
            }
        }

        return null;
    }

    /// <summary>Whether the parameter is supplied by the worker (CancellationToken, JobContext), not the payload.</summary>
    public bool IsWorkerSupplied(IParameterSymbol parameter) =>
        SymbolEqualityComparer.Default.Equals(parameter.Type, CancellationToken)
        || SymbolEqualityComparer.Default.Equals(parameter.Type, JobContext);
}
