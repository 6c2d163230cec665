using System.Reflection;
using JobGen.Storage.InMemory;
using MessagePack;
using Microsoft.Extensions.DependencyInjection;

namespace JobGen.Generator.Tests;

/// <summary>Compiles user code in memory with the real generator, against the runtime, MessagePack, DI and the running framework.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>Warnings are errors and nullable is on, as in a strict user project; docs on so CS1591 would fire.</summary>
    public static CSharpCompilation CreateCompilation(string assemblyName, params string[] sources) =>
        CreateCompilation(assemblyName, DocumentationMode.Diagnose, sources);

    /// <summary>As above; <see cref="DocumentationMode.None"/> for sources without doc comments.</summary>
    public static CSharpCompilation CreateCompilation(string assemblyName, DocumentationMode documentation, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions.WithDocumentationMode(documentation), path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                warningLevel: 9999,
                concurrentBuild: false,
                deterministic: true,
                // The SDK passes NoWarn CS1701;CS1702 to every build (reference version unification).
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

    public static GeneratorDriver CreateDriver(bool trackSteps = false, DocumentationMode documentation = DocumentationMode.Diagnose) =>
        CSharpGeneratorDriver.Create(
            new[] { new JobGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions.WithDocumentationMode(documentation),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns the output compilation and the generated sources (hint name, text).</summary>
    public static GenerationResult Run(string assemblyName, params string[] sources) =>
        Run(assemblyName, DocumentationMode.Diagnose, sources);

    public static GenerationResult Run(string assemblyName, DocumentationMode documentation, params string[] sources)
    {
        var compilation = CreateCompilation(assemblyName, documentation, sources);
        var driver = CreateDriver(documentation: documentation).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics, TestContext.Current.CancellationToken);
        var run = driver.GetRunResult();
        Assert.Empty(generatorDiagnostics);
        Assert.All(run.Results, r => Assert.Null(r.Exception));
        var generated = run.Results.SelectMany(r => r.GeneratedSources)
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => (s.HintName, Text: s.SourceText.ToString()))
            .ToImmutableArray();
        return new GenerationResult((CSharpCompilation)output, generated);
    }

    /// <summary>Every diagnostic of the compilation with generated code, warnings and info included except hidden.</summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation compilation) =>
        compilation.GetDiagnostics(TestContext.Current.CancellationToken)
            .Where(d => d.Severity != DiagnosticSeverity.Hidden)
            .ToList();

    /// <summary>Emits the compilation and loads it into a collectible context that shares the runtime's assemblies.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        stream.Position = 0;
        var context = new System.Runtime.Loader.AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
        return context.LoadFromStream(stream);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => p.Contains("Microsoft.NETCore.App", StringComparison.Ordinal));
        var libraries = new[]
        {
            typeof(JobClient).Assembly.Location,
            typeof(InMemoryJobStorage).Assembly.Location,
            typeof(MessagePackWriter).Assembly.Location,
            typeof(MessagePackObjectAttribute).Assembly.Location,
            typeof(IServiceCollection).Assembly.Location,
        };
        return framework.Concat(libraries)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}

/// <summary>The generator's output for one input.</summary>
internal sealed record GenerationResult(CSharpCompilation Compilation, ImmutableArray<(string HintName, string Text)> Sources)
{
    /// <summary>All generated files, each under a header naming it: the text a snapshot holds.</summary>
    public string SnapshotText => string.Concat(Sources.Select(s => $"//// {s.HintName}\n{s.Text}"));
}
