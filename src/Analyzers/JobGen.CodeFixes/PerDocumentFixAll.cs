using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace JobGen.CodeFixes;

/// <summary>
/// Fix-all for fixes whose edits to one document must be made together (several findings in one method add one
/// parameter): each document is fixed once with all of its diagnostics.
/// </summary>
internal sealed class PerDocumentFixAll : DocumentBasedFixAllProvider
{
    private readonly Func<Document, ImmutableArray<Diagnostic>, CancellationToken, Task<Document>> _fix;

    public PerDocumentFixAll(Func<Document, ImmutableArray<Diagnostic>, CancellationToken, Task<Document>> fix) => _fix = fix;

    protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.IsEmpty ? document : await _fix(document, diagnostics, fixAllContext.CancellationToken).ConfigureAwait(false);
}
