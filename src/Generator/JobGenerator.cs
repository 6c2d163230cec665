using System.Collections.Immutable;
using JobGen.Generator.Emitting;
using JobGen.Generator.Model;
using JobGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace JobGen.Generator;

/// <summary>
/// <c>[BackgroundJob]</c> methods → <see cref="JobParser"/> (invalid jobs dropped silently: the analyzers report them)
/// → one <see cref="JobSetModel"/> per assembly → one generated file (see docs/generator.md).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class JobGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for incrementality tests.</summary>
    public static class Steps
    {
        public const string Jobs = "Jobs";
        public const string ValidJobs = "ValidJobs";
        public const string AllJobs = "AllJobs";
        public const string AssemblyName = "AssemblyName";
        public const string JobSet = "JobSet";
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var jobs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                JobParser.AttributeMetadataName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is IMethodSymbol method ? JobParser.Parse(method, ctx.Attributes[0], ct).Job : null)
            .WithTrackingName(Steps.Jobs)
            .Where(static job => job is not null)
            .Select(static (job, _) => job!)
            .WithTrackingName(Steps.ValidJobs)
            .Collect()
            .WithTrackingName(Steps.AllJobs);

        var assemblyName = context.CompilationProvider
            .Select(static (compilation, _) => (Name: compilation.AssemblyName ?? "Assembly", ClassName: ChosenClassName(compilation)))
            .WithTrackingName(Steps.AssemblyName);

        var jobSet = jobs
            .Combine(assemblyName)
            .Select(static (pair, _) => JobSetBuilder.Build(pair.Left, pair.Right.Name, pair.Right.ClassName))
            .WithTrackingName(Steps.JobSet);

        context.RegisterSourceOutput(jobSet, static (spc, set) =>
        {
            if (set.Jobs.Count > 0)
            {
                spc.AddSource(JobSetEmitter.HintName(set), JobSetEmitter.Emit(set));
            }
        });
    }

    // [assembly: JobsClassName("...")], when present (its validity is checked by JobsClassName.For).
    private static string? ChosenClassName(Compilation compilation)
    {
        foreach (var attribute in compilation.Assembly.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == JobsClassName.AttributeMetadataName
                && attribute.ConstructorArguments.Length == 1)
            {
                return attribute.ConstructorArguments[0].Value as string;
            }
        }

        return null;
    }
}
