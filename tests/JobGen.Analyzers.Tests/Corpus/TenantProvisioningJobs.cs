using System;
using System.Threading;
using System.Threading.Tasks;
using JobGen;
using Microsoft.Extensions.Logging;
using Polly;

namespace Acme.Tenancy;

public interface ITenantInfrastructure
{
    Task<bool> DatabaseExistsAsync(string tenantSlug, CancellationToken cancellationToken);

    Task CreateDatabaseAsync(string tenantSlug, CancellationToken cancellationToken);

    /// <summary>Creates the bucket, or does nothing when it exists.</summary>
    Task EnsureBucketAsync(string tenantSlug, CancellationToken cancellationToken);
}

/// <summary>Provisions a tenant step by step; each step checks for what already exists, so a retry resumes.</summary>
public sealed partial class TenantProvisioningJobs(ITenantInfrastructure infrastructure, ILogger<TenantProvisioningJobs> logger)
{
    private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3, Delay = TimeSpan.FromSeconds(5) })
        .AddTimeout(TimeSpan.FromMinutes(2))
        .Build();

    [BackgroundJob("tenancy.provision", Queue = "provisioning", MaxAttempts = 10, TimeoutSeconds = 900)]
    public async Task ProvisionTenant(string tenantSlug, CancellationToken cancellationToken)
    {
        var provisioningStart = DateTimeOffset.UtcNow;
        if (!await infrastructure.DatabaseExistsAsync(tenantSlug, cancellationToken).ConfigureAwait(false))
        {
            await _pipeline.ExecuteAsync(async ct => await infrastructure.CreateDatabaseAsync(tenantSlug, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        await _pipeline.ExecuteAsync(async ct => await infrastructure.EnsureBucketAsync(tenantSlug, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        LogProvisioned(logger, tenantSlug, DateTimeOffset.UtcNow - provisioningStart);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Tenant {TenantSlug} provisioned in {Elapsed}")]
    static partial void LogProvisioned(ILogger logger, string tenantSlug, TimeSpan elapsed);
}
