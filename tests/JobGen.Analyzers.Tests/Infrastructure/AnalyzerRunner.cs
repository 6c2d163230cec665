using System.Collections.Immutable;
using JobGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace JobGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// Compiles a project the way a build does: the JobGen generator runs first, then every JobGen analyzer
/// through <see cref="CompilationWithAnalyzers"/> with execution times logged.
/// </summary>
internal static class AnalyzerRunner
{
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(
        new JobDeclarationAnalyzer(), new IdempotencyAnalyzer(), new PayloadArgumentAnalyzer(), new ManifestAnalyzer());

    public static async Task<AnalyzerRun> RunAsync(IEnumerable<(string Path, string Text)> sources, string? manifest, CancellationToken ct, bool checkMethodBodies = true)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Path, cancellationToken: ct));
        var compilation = CSharpCompilation.Create(
            "Acme.App",
            trees,
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new JobGenerator().AsSourceGenerator() }, parseOptions: parse);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics, ct);

        var generatorTime = clock.Elapsed;
        clock.Restart();
        var additional = manifest is null
            ? ImmutableArray<AdditionalText>.Empty
            : ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/src/JobGen.Shipped.txt", manifest));
        var withAnalyzers = generated.WithAnalyzers(
            AllAnalyzers,
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(additional), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
        var analyzerDiagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(ct);
        var analyzersTime = clock.Elapsed;
        var times = new List<(string Analyzer, TimeSpan Time)>();
        foreach (var analyzer in AllAnalyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, ct);
            times.Add((analyzer.GetType().Name, telemetry.ExecutionTime));
        }

        // method bodies are bound again by GetDiagnostics; large runs check declarations only
        var compilerDiagnostics = checkMethodBodies ? generated.GetDiagnostics(ct) : generated.GetDeclarationDiagnostics(ct);
        var compilerErrors = compilerDiagnostics.Concat(generatorDiagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        var generatedTrees = driver.GetRunResult().GeneratedTrees;
        return new AnalyzerRun(
            compilerErrors, analyzerDiagnostics, times, generatedTrees.Length, generatorTime, analyzersTime,
            generatedTrees.Select(t => t.GetText(ct).ToString()).ToImmutableArray());
    }
}

/// <summary>What one <see cref="AnalyzerRunner"/> run produced.</summary>
internal sealed record AnalyzerRun(
    ImmutableArray<Diagnostic> CompilerErrors,
    ImmutableArray<Diagnostic> AnalyzerDiagnostics,
    IReadOnlyList<(string Analyzer, TimeSpan Time)> AnalyzerTimes,
    int GeneratedFiles,
    TimeSpan GeneratorWallTime,
    TimeSpan AnalyzersWallTime,
    ImmutableArray<string> GeneratedSources);
