using JobGen.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace JobGen.Runtime.Tests;

public sealed class LazyJobScopeTests
{
    [Fact]
    public async Task A_run_that_asks_for_nothing_creates_no_scope_and_one_that_does_gets_its_scoped_services_disposed()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Counter>();
        services.AddScoped<ScopedThing>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var counter = provider.GetRequiredService<Counter>();
        var scope = new LazyJobScope(provider.GetRequiredService<IServiceScopeFactory>());

        await scope.ResetAsync(); // a static job's run: nothing asked, nothing created or disposed
        Assert.Equal(0, counter.Created);

        var first = scope.GetRequiredService<ScopedThing>(); // ValidateScopes: resolving a scoped service needs a real scope
        Assert.Same(first, scope.GetRequiredService<ScopedThing>()); // one scope per run
        await scope.ResetAsync();
        Assert.True(first.Disposed);

        var second = scope.GetRequiredService<ScopedThing>();
        Assert.NotSame(first, second); // the next run gets a fresh scope
        Assert.False(second.Disposed);
        await scope.ResetAsync();
        Assert.True(second.Disposed);
        Assert.Equal(2, counter.Created);
    }

    private sealed class Counter
    {
        public int Created;
    }

    private sealed class ScopedThing : IAsyncDisposable
    {
        public ScopedThing(Counter counter) => counter.Created++;

        public bool Disposed { get; private set; }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
