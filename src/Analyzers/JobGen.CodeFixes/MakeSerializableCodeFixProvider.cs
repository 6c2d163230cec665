using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JobGen.Analyzers;
using JobGen.Analyzers.Jobs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace JobGen.CodeFixes;

/// <summary>
/// JG0001: marks a user type of the solution <c>[MessagePackObject]</c> and numbers its serializable members with
/// <c>[Key(n)]</c> (after the highest key already used). The type may live in another document: the fix edits it there.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeSerializableCodeFixProvider)), Shared]
public sealed class MakeSerializableCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NotSerializable);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => new FixAll();

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (FixableType(diagnostic) is { } typeId)
            {
                var name = typeId.Substring(typeId.LastIndexOf('.') + 1);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Make '{name}' serializable ([MessagePackObject] and [Key]s)",
                        ct => MessagePackAnnotator.AnnotateAsync(context.Document.Project.Solution, context.Document.Project.Id, new[] { typeId }, ct),
                        nameof(MakeSerializableCodeFixProvider)),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The documentation id of the user type to annotate, when the finding is one this fix solves.</summary>
    private static string? FixableType(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(JobInspector.KindProperty, out var kind)
        && kind is "MissingMessagePackObject" or "MemberWithoutKey"
        && diagnostic.Properties.TryGetValue(JobInspector.TypeProperty, out var type)
            ? type
            : null;

    /// <summary>Annotates every distinct type once, whatever number of jobs reported it.</summary>
    private sealed class FixAll : FixAllProvider
    {
        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
        {
            var projects = context.Scope == FixAllScope.Solution ? context.Solution.Projects : new[] { context.Project };
            var work = new List<(ProjectId Project, List<string> Types)>();
            foreach (var project in projects)
            {
                var diagnostics = context.Scope == FixAllScope.Document && context.Document is not null
                    ? await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false)
                    : await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                var types = diagnostics.Select(FixableType).OfType<string>().Distinct().OrderBy(t => t, System.StringComparer.Ordinal).ToList();
                if (types.Count > 0)
                {
                    work.Add((project.Id, types));
                }
            }

            return work.Count == 0
                ? null
                : CodeAction.Create(
                    "Make every reported type serializable",
                    async ct =>
                    {
                        var solution = context.Solution;
                        foreach (var (project, types) in work)
                        {
                            solution = await MessagePackAnnotator.AnnotateAsync(solution, project, types, ct).ConfigureAwait(false);
                        }

                        return solution;
                    },
                    nameof(MakeSerializableCodeFixProvider));
        }
    }
}
