// Look-alikes of the third-party libraries the corpus jobs use (Polly v8, a distributed cache), shaped like the
// real APIs so the jobs read as they would in an application; the analyzers need none of them.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Polly
{
    public readonly record struct OnRetryArguments(int AttemptNumber, TimeSpan RetryDelay, Exception? Exception);

    public sealed class RetryStrategyOptions
    {
        public int MaxRetryAttempts { get; set; } = 3;

        public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(2);

        public Func<OnRetryArguments, ValueTask>? OnRetry { get; set; }
    }

    public sealed class ResiliencePipelineBuilder
    {
        public ResiliencePipelineBuilder AddRetry(RetryStrategyOptions options) => this;

        public ResiliencePipelineBuilder AddTimeout(TimeSpan timeout) => this;

        public ResiliencePipeline Build() => new();
    }

    public sealed class ResiliencePipeline
    {
        public ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> callback, CancellationToken cancellationToken) => callback(cancellationToken);

        public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> callback, CancellationToken cancellationToken) => callback(cancellationToken);
    }
}

namespace Acme.Caching
{
    /// <summary>A distributed cache (Redis-backed in production): setting a key twice stores the same value.</summary>
    public interface IDistributedCache
    {
        Task<string?> GetStringAsync(string key, CancellationToken cancellationToken);

        Task SetStringAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken);

        Task RemoveAsync(string key, CancellationToken cancellationToken);
    }
}
