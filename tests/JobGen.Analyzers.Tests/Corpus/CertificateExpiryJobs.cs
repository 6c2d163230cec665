using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Security;

public interface ICertificateInventory
{
    Task<IReadOnlyList<(string Host, DateTimeOffset NotAfter)>> ListAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Warns about certificates that expire within the window, measured from the job's creation time so every retry
/// warns about the same set; the warning email is keyed by host and expiry date.
/// </summary>
public sealed class CertificateExpiryJobs(ICertificateInventory inventory, IEmailSender email, ILogger<CertificateExpiryJobs> logger)
{
    [BackgroundJob("security.certificate-expiry", Queue = "maintenance")]
    public async Task CheckCertificateExpiry(int warnDays, string recipients, JobContext context, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        var horizon = context.CreatedAt.AddDays(warnDays);
        var expiring = 0;
        foreach (var (host, notAfter) in await inventory.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (notAfter <= horizon)
            {
                expiring++;
                await email.SendAsync(recipients, $"Certificate for {host} expires {notAfter:yyyy-MM-dd}", host,
                    $"cert-expiry:{host}:{notAfter:yyyyMMdd}", cancellationToken).ConfigureAwait(false);
            }
        }

        logger.LogInformation("{Expiring} certificates expire before {Horizon}; checked in {Elapsed}", expiring, horizon, timer.Elapsed);
    }
}
