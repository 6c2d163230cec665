using Microsoft.Extensions.DependencyInjection;

namespace JobGen.Worker;

/// <summary>
/// The service provider a job run sees: the DI scope is created on the first service asked for, so a static job
/// or a job without dependencies (and no middleware) runs without creating and disposing a scope. One instance
/// per processor loop, reset after each run: a job must not keep its provider after it returns (a scope's
/// provider is disposed by then anyway).
/// </summary>
internal sealed class LazyJobScope : IServiceProvider, ISupportRequiredService, IKeyedServiceProvider
{
    private readonly IServiceScopeFactory _factory;
    private AsyncServiceScope? _scope;

    public LazyJobScope(IServiceScopeFactory factory) => _factory = factory;

    private IServiceProvider Provider => (_scope ??= _factory.CreateAsyncScope()).ServiceProvider;

    public object? GetService(Type serviceType) => Provider.GetService(serviceType);

    public object GetRequiredService(Type serviceType) => Provider.GetRequiredService(serviceType);

    public object? GetKeyedService(Type serviceType, object? serviceKey) => Provider is IKeyedServiceProvider keyed
        ? keyed.GetKeyedService(serviceType, serviceKey)
        : throw new InvalidOperationException("The service provider does not support keyed services.");

    public object GetRequiredKeyedService(Type serviceType, object? serviceKey) => Provider is IKeyedServiceProvider keyed
        ? keyed.GetRequiredKeyedService(serviceType, serviceKey)
        : throw new InvalidOperationException("The service provider does not support keyed services.");

    /// <summary>Disposes the scope if the run created one, and gets ready for the next run.</summary>
    public ValueTask ResetAsync()
    {
        if (_scope is not { } scope)
        {
            return ValueTask.CompletedTask;
        }

        _scope = null;
        return scope.DisposeAsync();
    }
}
