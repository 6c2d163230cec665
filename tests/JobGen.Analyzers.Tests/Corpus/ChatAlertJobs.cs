using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Ops;

public sealed record ChatMessage(string Channel, string Text);

/// <summary>Posts an operations alert to the chat gateway, which drops a second POST with the same Idempotency-Key.</summary>
public sealed class ChatAlertJobs(HttpClient chat, ILogger<ChatAlertJobs> logger)
{
    [BackgroundJob("ops.chat-alert", Queue = "alerts", MaxAttempts = 8)]
    public async Task PostChatAlert(string channel, string text, string alertKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = JsonContent.Create(new ChatMessage(channel, text)),
        };
        request.Headers.Add("Idempotency-Key", $"alert:{alertKey}");
        using var response = await chat.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        logger.LogDebug("Alert {AlertKey} posted to {Channel} at {PostedAt:O}", alertKey, channel, DateTimeOffset.UtcNow);
    }
}
