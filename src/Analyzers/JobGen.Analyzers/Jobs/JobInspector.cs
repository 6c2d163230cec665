using JobGen.Analyzers.Manifest;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using JobGen.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace JobGen.Analyzers.Jobs;

/// <summary>
/// Turns a <c>[BackgroundJob]</c> method into a <see cref="JobInspection"/> through the generator's own parser
/// (src/Generator/Parsing, compiled into this assembly), so the analyzers and the generator never disagree about
/// what a valid job is: every parser problem becomes a JG0001/JG0002 diagnostic.
/// </summary>
internal static class JobInspector
{
    /// <summary>Diagnostic property: the parser's <see cref="JobProblemKind"/>, for code fixes.</summary>
    public const string KindProperty = "Kind";

    /// <summary>Diagnostic property: documentation id of the user type at fault (JG0001), for code fixes.</summary>
    public const string TypeProperty = "Type";

    public static JobInspection Inspect(IMethodSymbol method, KnownSymbols known, CancellationToken cancellationToken)
    {
        var attribute = known.GetJobAttribute(method)!;
        var result = JobParser.Parse(method, attribute, cancellationToken);
        var issues = result.Problems.Select(p => ToIssue(method, p, known.Compilation)).ToImmutableArray();
        if (result.Job is not { } model)
        {
            return new JobInspection(result.JobId, null, issues);
        }

        var arguments = ImmutableArray.CreateBuilder<PayloadArgument>();
        bool token = false, context = false;
        for (var i = 0; i < model.Parameters.Count; i++)
        {
            var parameter = model.Parameters[i];
            switch (parameter.Role)
            {
                case JobParameterRole.CancellationToken:
                    token = true;
                    break;
                case JobParameterRole.JobContext:
                    context = true;
                    break;
                default:
                    arguments.Add(new PayloadArgument(
                        parameter.Name,
                        parameter.TypeName.Replace("global::", string.Empty),
                        parameter.DefaultValue?.Replace("global::", string.Empty)));
                    break;
            }
        }

        return new JobInspection(result.JobId, new JobDescription(model.JobId, arguments.ToImmutable(), token, context, ManifestFormat.Schedule(model.Recurring)), issues);
    }

    /// <summary>Value of <see cref="KindProperty"/> when the type at fault is an entity: the advice is its id, not an annotation (no code fix).</summary>
    public const string EntityKind = "Entity";

    private static JobIssue ToIssue(IMethodSymbol method, JobProblem problem, Compilation compilation)
    {
        var descriptor = problem.Id == JobProblemIds.NotSerializable ? DiagnosticDescriptors.NotSerializable
            : problem.Id == JobProblemIds.DuplicateId ? DiagnosticDescriptors.DuplicateId
            : DiagnosticDescriptors.InvalidSignature;
        var location = problem.ParameterIndex >= 0 && problem.ParameterIndex < method.Parameters.Length
            ? method.Parameters[problem.ParameterIndex].Locations[0]
            : method.Locations[0];
        var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, problem.Kind.ToString());
        var userType = problem.Symbol as INamedTypeSymbol ?? problem.Symbol?.ContainingType;
        if (userType is not null && userType.Locations.Any(l => l.IsInSource))
        {
            properties = properties.Add(TypeProperty, DocumentationCommentId.CreateDeclarationId(userType));
        }

        // An entity is not made serializable: JG0001 gives JG0006's advice (its id), so the two never point two ways.
        if (problem.Kind == JobProblemKind.MissingMessagePackObject && userType is not null && problem.ParameterIndex >= 0
            && problem.ParameterIndex < method.Parameters.Length && EntitySignals.Find(userType, compilation) is { } entity)
        {
            var parameter = method.Parameters[problem.ParameterIndex];
            var message = $"The parameter '{parameter.Name}' carries '{entity.Name}', an entity ({entity.Signal}), which cannot be serialized and should not be: pass its id (or ids) and load the current state inside the job";
            return new JobIssue(descriptor, message, location, properties.SetItem(KindProperty, EntityKind));
        }

        return new JobIssue(descriptor, problem.Message, location, properties);
    }
}
