using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using JobGen.Analyzers.Jobs;
using JobGen.Analyzers.Manifest;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace JobGen.Analyzers;

/// <summary>
/// JG0009/JG0010/JG0011: compares the jobs of the compilation with the committed manifest of shipped jobs
/// (<c>JobGen.Shipped.txt</c>, an AdditionalFile). Changed jobs are reported per method; shipped jobs that no
/// longer exist (removed, or their id changed) can only be known at the end of the compilation.
/// Without a manifest file the rules are off: a project opts in by adding the file.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ManifestAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the job id.</summary>
    public const string JobIdProperty = "JobId";

    /// <summary>Diagnostic property: the manifest line for the job as declared now; absent when the job is gone.</summary>
    public const string LineProperty = "ManifestLine";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MalformedManifest,
        DiagnosticDescriptors.BreakingPayloadChange,
        DiagnosticDescriptors.NotInManifest);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.Create(start.Compilation);
            var file = start.Options.AdditionalFiles.FirstOrDefault(f =>
                string.Equals(Path.GetFileName(f.Path), ManifestFormat.FileName, StringComparison.OrdinalIgnoreCase));
            if (known is null || file?.GetText(start.CancellationToken) is not { } text)
            {
                return;
            }

            var (entries, errors) = ManifestFormat.Parse(text);
            var shipped = entries.ToImmutableDictionary(e => e.JobId, StringComparer.Ordinal);
            var seen = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            start.RegisterSymbolAction(symbol => AnalyzeJob(symbol, known, shipped, seen), SymbolKind.Method);
            start.RegisterCompilationEndAction(end =>
            {
                foreach (var (span, reason) in errors)
                {
                    end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MalformedManifest, LocationOf(file.Path, text, span), reason));
                }

                foreach (var entry in entries.Where(e => !seen.ContainsKey(e.JobId)))
                {
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(JobIdProperty, entry.JobId);
                    end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BreakingPayloadChange,
                        LocationOf(file.Path, text, entry.Span), properties, entry.JobId, "was removed or its id changed"));
                }
            });
        });
    }

    private static void AnalyzeJob(
        SymbolAnalysisContext context, KnownSymbols known, ImmutableDictionary<string, ManifestEntry> shipped, ConcurrentDictionary<string, bool> seen)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!known.IsJob(method))
        {
            return;
        }

        var inspection = JobInspectionCache.Get(method, known, context.CancellationToken);
        seen[inspection.JobId] = true;
        if (inspection.Job is not { } job)
        {
            return; // invalid jobs are reported by JG0001/JG0002, not as removed
        }

        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(JobIdProperty, job.JobId)
            .Add(LineProperty, ManifestFormat.Format(job));
        if (!shipped.TryGetValue(job.JobId, out var entry))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotInManifest, method.Locations[0], properties, job.JobId, "is not in the manifest of shipped jobs"));
            return;
        }

        var (breaking, compatible) = ManifestComparer.Compare(entry, ManifestFormat.ToEntry(job));
        if (breaking.Count > 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BreakingPayloadChange, method.Locations[0], properties, job.JobId, string.Join("; ", breaking)));
        }
        else if (compatible.Count > 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotInManifest, method.Locations[0], properties, job.JobId,
                "differs compatibly from its manifest entry (" + string.Join("; ", compatible) + ")"));
        }
    }

    private static Location LocationOf(string path, SourceText text, TextSpan span) =>
        Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
}
