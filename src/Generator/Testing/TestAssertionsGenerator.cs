using System.Collections.Immutable;
using JobGen.Generator.Model;
using JobGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace JobGen.Generator.Testing;

/// <summary>
/// In a project that references JobGen.Testing (its marker type is in the compilation), emits typed assertions for
/// every job the project can see: its own and those of referenced assemblies (read from metadata with the same
/// parser). Production projects do not reference the package, so they get none (see docs/testing.md).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TestAssertionsGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for incrementality tests.</summary>
    public static class Steps
    {
        public const string OwnJobs = "TestAssertions.OwnJobs";
        public const string ReferencedJobs = "TestAssertions.ReferencedJobs";
        public const string JobSet = "TestAssertions.JobSet";
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var own = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                JobParser.AttributeMetadataName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is IMethodSymbol method ? JobParser.Parse(method, ctx.Attributes[0], ct).Job : null)
            .Where(static job => job is not null)
            .Select(static (job, _) => job!)
            .Collect()
            .WithTrackingName(Steps.OwnJobs);

        var referenced = context.CompilationProvider
            .Select(static (compilation, ct) => ReferencedJobScanner.Scan(compilation, ct))
            .WithTrackingName(Steps.ReferencedJobs);

        var set = own
            .Combine(referenced)
            .Select(static (pair, _) => pair.Right.Enabled
                ? JobSetBuilder.Build(pair.Left.AddRange(pair.Right.Jobs), pair.Right.AssemblyName)
                : null)
            .WithTrackingName(Steps.JobSet);

        context.RegisterSourceOutput(set, static (spc, jobs) =>
        {
            if (jobs is { Jobs.Count: > 0 })
            {
                spc.AddSource(TestAssertionsEmitter.HintName(jobs), TestAssertionsEmitter.Emit(jobs));
            }
        });
    }
}
