using JobGen;
using JobGen.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds JobGen to a service collection.</summary>
public static class JobGenServiceCollectionExtensions
{
    /// <summary>
    /// Registers the client (<see cref="IJobClient"/>), the worker (a hosted service; disable it with
    /// <c>JobGen:Worker:Enabled=false</c> for enqueue-only apps), the default retry policy and the options, bound from
    /// the <c>JobGen</c> configuration section, then <paramref name="configure"/>, and validated when the host starts.
    /// Choose the storage on the returned builder: <c>UseInMemory()</c>, <c>UseRedis(...)</c> or <c>UseStorage(...)</c>.
    /// Register your jobs with the generated <c>services.Add{Assembly}Jobs()</c>.
    /// </summary>
    public static JobGenBuilder AddJobGen(this IServiceCollection services, Action<JobGenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Bound by the configuration binder's source generator (no reflection). Without an IConfiguration in DI
        // (a bare ServiceCollection) the defaults and the callback apply.
        var options = services.AddOptions<JobGenOptions>().Configure<IServiceProvider>(static (o, sp) =>
            sp.GetService<IConfiguration>()?.GetSection(JobGenOptions.SectionName).Bind(o));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobGenOptions>, JobGenOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRetryPolicy>(DefaultRetryPolicy.Instance);
        services.TryAddSingleton<IJobClient>(sp => new JobClient(
            sp.GetRequiredService<IJobStorage>(),
            sp.GetServices<IClientMiddleware>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<JobGenOptions>>().Value.MaxPayloadBytes)
        {
            Signer = SignerOf(InstallingSensitiveKeys(sp)), // generated writers (static) first need the key ring here
        });
        services.TryAddSingleton(sp => new JobMonitor(sp.GetRequiredService<IJobStorage>(), sp.GetRequiredService<TimeProvider>())
        {
            DeadSetLimits = sp.GetRequiredService<IOptions<JobGenOptions>>().Value.DeadSetLimits,
            Signer = SignerOf(sp),
        });
        services.TryAddSingleton(sp => new JobWorker(
            InstallingSensitiveKeys(sp).GetRequiredService<IJobStorage>(),
            sp.GetServices<IJobDispatcher>(),
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<IOptions<JobGenOptions>>(),
            sp.GetRequiredService<IRetryPolicy>(),
            sp.GetServices<IJobDeathHandler>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton(sp => new RecurringJobClient(sp.GetRequiredService<IJobStorage>(), sp.GetRequiredService<TimeProvider>()) { Signer = SignerOf(sp) });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SecurityStartCheck>()); // before the worker
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, JobWorkerHostedService>());
        return new JobGenBuilder(services);
    }

    // One signer per consumer is fine: it holds only the parsed keys (docs/security.md).
    private static EnvelopeSigner? SignerOf(IServiceProvider sp) => EnvelopeSigner.From(sp.GetRequiredService<IOptions<JobGenOptions>>().Value.Security);

    private static IServiceProvider InstallingSensitiveKeys(IServiceProvider sp)
    {
        SensitiveKeyRing.Install(sp.GetRequiredService<IOptions<JobGenOptions>>().Value.Security);
        return sp;
    }
}

/// <summary>Runs the DI-registered <see cref="JobWorker"/> as a hosted service.</summary>
internal sealed class JobWorkerHostedService(JobWorker worker) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => worker.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => worker.StopAsync(cancellationToken);
}
