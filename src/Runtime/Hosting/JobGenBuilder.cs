using System.Diagnostics.CodeAnalysis;
using JobGen.Storage;
using JobGen.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JobGen;

/// <summary>Chooses JobGen's storage and adds middleware, death handlers and a retry policy. Returned by <c>AddJobGen</c>.</summary>
public sealed class JobGenBuilder
{
    internal JobGenBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection, for storage packages that add their own <c>Use...</c> methods.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Keeps jobs in this process (the embedded store: quick start, tests, single-process apps). Nothing survives a restart.</summary>
    public JobGenBuilder UseInMemory() => UseStorage(_ => new InMemoryJobStorage());

    /// <summary>Uses the storage built by <paramref name="factory"/> (a singleton); the hook behind <c>UseRedis</c>.</summary>
    public JobGenBuilder UseStorage(Func<IServiceProvider, IJobStorage> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.RemoveAll<IJobStorage>();
        Services.AddSingleton(factory);
        return this;
    }

    /// <summary>Adds a server middleware (wraps each job run; resolved from the job's scope). Registration order is chain order.</summary>
    public JobGenBuilder AddServerMiddleware<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where T : class, IServerMiddleware
    {
        Services.Add(ServiceDescriptor.Describe(typeof(IServerMiddleware), typeof(T), lifetime));
        return this;
    }

    /// <summary>Adds a client middleware instance (runs at enqueue). Registration order is chain order.</summary>
    public JobGenBuilder AddClientMiddleware(IClientMiddleware middleware)
    {
        Services.AddSingleton(middleware);
        return this;
    }

    /// <summary>Adds a handler told about every job that dies.</summary>
    public JobGenBuilder AddDeathHandler(IJobDeathHandler handler)
    {
        Services.AddSingleton(handler);
        return this;
    }

    /// <summary>Replaces the retry policy.</summary>
    public JobGenBuilder UseRetryPolicy(IRetryPolicy policy)
    {
        Services.RemoveAll<IRetryPolicy>();
        Services.AddSingleton(policy);
        return this;
    }

    /// <summary>
    /// Declares a recurring schedule in code: <paramref name="request"/> (a generated <c>Create{Method}Request(...)</c>)
    /// is enqueued on every tick of <paramref name="cron"/>. Registered when a worker starts, like the attribute form;
    /// an invalid expression or time zone throws here, naming the problem. See docs/recurring.md.
    /// </summary>
    public JobGenBuilder AddRecurring(string name, string cron, JobRequest request, Action<RecurringOptions>? configure = null)
    {
        var options = new RecurringOptions();
        configure?.Invoke(options);
        Services.AddSingleton(new RecurringSchedule(name, cron, request, options));
        return this;
    }
}
