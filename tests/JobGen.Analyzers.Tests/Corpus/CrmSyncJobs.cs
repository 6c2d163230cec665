using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Crm;

public sealed record ContactPatch(string Email, string DisplayName, string Locale);

/// <summary>Pushes a user's profile to the CRM with PUT on the user's own contact id: the same body twice is the same contact.</summary>
public sealed class CrmSyncJobs(HttpClient crm, IUserStore users, ILogger<CrmSyncJobs> logger)
{
    [BackgroundJob("crm.sync-contact", Queue = "integrations", MaxAttempts = 15)]
    public async Task SyncContact(int userId, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return;
        }

        var sent = DateTime.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"contacts/external/{userId}")
        {
            Content = JsonContent.Create(new ContactPatch(user.Email, user.DisplayName, user.Locale)),
        };
        using var response = await crm.SendAsync(request, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("CRM answered {Status} for user {UserId} after {Ms} ms", (int)response.StatusCode, userId, (DateTime.UtcNow - sent).TotalMilliseconds);
        response.EnsureSuccessStatusCode();
    }
}
