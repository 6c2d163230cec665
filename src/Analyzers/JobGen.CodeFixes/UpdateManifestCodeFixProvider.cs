using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JobGen.Analyzers;
using JobGen.Analyzers.Manifest;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace JobGen.CodeFixes;

/// <summary>
/// JG0010/JG0011: writes the job as declared now into <c>JobGen.Shipped.txt</c> (or removes the line of a job that
/// is gone). For JG0010 this records an intentional breaking change, made visible in the manifest's diff.
/// </summary>
[ExportCodeFixProvider(
    LanguageNames.CSharp,
    Name = nameof(UpdateManifestCodeFixProvider),
    DocumentKinds = new[] { nameof(TextDocumentKind.Document), nameof(TextDocumentKind.AdditionalDocument) }), Shared]
public sealed class UpdateManifestCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.BreakingPayloadChange, DiagnosticIds.NotInManifest);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => new FixAll();

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Edit(diagnostic) is not { } edit)
            {
                continue;
            }

            var title = edit.Line is null
                ? $"Remove job '{edit.JobId}' from {ManifestFormat.FileName}"
                : $"Record job '{edit.JobId}' as shipped in {ManifestFormat.FileName}";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => ApplyAsync(context.TextDocument.Project, new[] { edit }, ct), nameof(UpdateManifestCodeFixProvider)),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static (string JobId, string? Line)? Edit(Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(ManifestAnalyzer.JobIdProperty, out var jobId) || jobId is null)
        {
            return null;
        }

        diagnostic.Properties.TryGetValue(ManifestAnalyzer.LineProperty, out var line);
        return (jobId, line);
    }

    private static async Task<Solution> ApplyAsync(Project project, IEnumerable<(string JobId, string? Line)> edits, CancellationToken ct)
    {
        var manifest = project.AdditionalDocuments.FirstOrDefault(d =>
            string.Equals(Path.GetFileName(d.FilePath ?? d.Name), ManifestFormat.FileName, StringComparison.OrdinalIgnoreCase));
        if (manifest is null)
        {
            return project.Solution;
        }

        var text = (await manifest.GetTextAsync(ct).ConfigureAwait(false)).ToString();
        foreach (var (jobId, line) in edits.OrderBy(e => e.JobId, StringComparer.Ordinal))
        {
            text = ManifestFormat.WithLine(text, jobId, line);
        }

        return project.Solution.WithAdditionalDocumentText(manifest.Id, SourceText.From(text));
    }

    /// <summary>All edits of the scope applied to the manifest at once.</summary>
    private sealed class FixAll : FixAllProvider
    {
        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
        {
            // each project has its own manifest: collect the edits per project
            var projects = context.Scope == FixAllScope.Solution ? context.Solution.Projects : new[] { context.Project };
            var work = new List<(ProjectId Project, List<(string JobId, string? Line)> Edits)>();
            foreach (var project in projects)
            {
                var diagnostics = context.Scope == FixAllScope.Document && context.Document is not null
                    ? await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false)
                    : await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                var edits = diagnostics.Where(d => context.DiagnosticIds.Contains(d.Id))
                    .Select(Edit).OfType<(string JobId, string? Line)>()
                    .GroupBy(e => e.JobId, StringComparer.Ordinal).Select(g => g.First())
                    .ToList();
                if (edits.Count > 0)
                {
                    work.Add((project.Id, edits));
                }
            }

            return work.Count == 0
                ? null
                : CodeAction.Create(
                    $"Update {ManifestFormat.FileName}",
                    async ct =>
                    {
                        var solution = context.Solution;
                        foreach (var (project, edits) in work)
                        {
                            solution = await ApplyAsync(solution.GetProject(project)!, edits, ct).ConfigureAwait(false);
                        }

                        return solution;
                    },
                    nameof(UpdateManifestCodeFixProvider));
        }
    }
}
