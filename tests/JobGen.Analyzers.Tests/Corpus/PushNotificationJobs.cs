using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;
using JobGen;

namespace Acme.Notifications;

public interface IPushProvider
{
    /// <summary>The provider drops a second message with the same collapse id.</summary>
    Task<bool> SendAsync(string deviceId, string title, string body, string collapseId, CancellationToken cancellationToken);
}

public interface IDeviceDirectory
{
    Task<IReadOnlyList<string>> DevicesOfAsync(int userId, CancellationToken cancellationToken);
}

/// <summary>One push per device, keyed by the notification: a retry re-sends nothing the provider already took.</summary>
public sealed class PushNotificationJobs(IPushProvider push, IDeviceDirectory devices)
{
    private static readonly Meter Meter = new("Acme.Notifications");
    private static readonly Counter<long> Sent = Meter.CreateCounter<long>("acme.push.sent");
    private static readonly Histogram<double> SendTime = Meter.CreateHistogram<double>("acme.push.send.duration", unit: "ms");

    [BackgroundJob("notifications.push", Queue = "notifications", MaxAttempts = 6)]
    public async Task SendPush(int userId, Guid notificationId, string title, string body, CancellationToken cancellationToken)
    {
        foreach (var device in await devices.DevicesOfAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            var before = DateTime.UtcNow;
            var accepted = await push.SendAsync(device, title, body, $"{notificationId:N}:{device}", cancellationToken).ConfigureAwait(false);
            SendTime.Record((DateTime.UtcNow - before).TotalMilliseconds);
            Sent.Add(1, new KeyValuePair<string, object?>("accepted", accepted));
        }
    }
}
