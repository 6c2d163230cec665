using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Privacy;

public sealed class Comment
{
    public int AuthorId { get; set; }
    public string Text { get; set; } = "";
}

public sealed class CommunityDb : DbContext
{
    public DbSet<Comment> Comments { get; } = new();
}

public interface IIdentityProvider
{
    /// <summary>Deletes the account; an account already gone is not an error.</summary>
    Task DeleteUserAsync(int userId, CancellationToken cancellationToken);
}

/// <summary>Erasure request: set-based deletes, repeated or not, leave the same state; the log says how long it took.</summary>
public sealed class AccountDeletionJobs(CommunityDb db, IIdentityProvider identity, ILogger<AccountDeletionJobs> logger)
{
    [BackgroundJob("privacy.erase-account", Queue = "privacy", MaxAttempts = 25)]
    public async Task EraseAccount(int userId, CancellationToken cancellationToken)
    {
        var start = DateTime.UtcNow;
        var comments = await db.Comments.Where(c => c.AuthorId == userId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await identity.DeleteUserAsync(userId, cancellationToken).ConfigureAwait(false);
        var elapsed = DateTime.UtcNow - start;
        logger.LogInformation("Erased user {UserId}: {Comments} comments removed in {Elapsed:g}", userId, comments, elapsed);
    }
}
