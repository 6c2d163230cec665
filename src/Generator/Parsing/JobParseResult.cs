using System.Collections.Immutable;

namespace JobGen.Generator.Parsing;

/// <summary>
/// What <see cref="JobParser.Parse(Microsoft.CodeAnalysis.IMethodSymbol, Microsoft.CodeAnalysis.AttributeData, System.Threading.CancellationToken)"/>
/// found: a valid <see cref="Job"/> (and no problems), or the <see cref="Problems"/> that make the method invalid.
/// Not equatable and may hold symbols (inside problems): the generator keeps only <see cref="Job"/>.
/// </summary>
/// <param name="JobId">The job id (explicit or default), known even for invalid jobs, for duplicate-id checks.</param>
/// <param name="Job">The model of a valid job, or null.</param>
/// <param name="Problems">Every problem found, in parameter order after the method's own; empty when valid.</param>
internal sealed record JobParseResult(string JobId, JobModel? Job, ImmutableArray<JobProblem> Problems)
{
    /// <summary>True when the method is a job the generator emits.</summary>
    public bool IsValid => Job is not null;
}
