using Verify = JobGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<JobGen.Analyzers.IdempotencyAnalyzer>;

namespace JobGen.Analyzers.Tests;

/// <summary>
/// JG0005 clock reads by where their value goes: only to logging, metrics or trace tags (after subtraction,
/// formatting, locals) is safe and not reported; any other destination, even beside a log line, is reported.
/// </summary>
public sealed class ClockTelemetryTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Diagnostics.Metrics;
        using System.Threading;
        using System.Threading.Tasks;
        using JobGen;
        using Microsoft.Extensions.Logging;

        public interface IStore
        {
            Task SaveAsync(int id, DateTime at, CancellationToken ct);
            Task WorkAsync(int id, CancellationToken ct);
        }

        """;

    [Fact]
    public Task Elapsed_time_logged_with_message_arguments_is_not_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs(IStore store, ILogger<Jobs> logger)
        {
            [BackgroundJob]
            public async Task Run(int id, CancellationToken ct)
            {
                var start = DateTime.UtcNow;
                await store.WorkAsync(id, ct);
                var elapsed = DateTime.UtcNow - start;
                logger.LogInformation("Job {Id} took {ElapsedMs} ms", id, elapsed.TotalMilliseconds);
            }
        }
        """);

    [Fact]
    public Task Clock_read_passed_straight_to_logging_is_not_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs(ILogger logger)
        {
            [BackgroundJob]
            public void Run(int id, CancellationToken ct)
            {
                logger.LogDebug("Started at {At}", DateTimeOffset.UtcNow);
                logger.LogInformation($"Finished {id} at {DateTime.Now:O}");
                using (logger.BeginScope("run at {At}", DateTimeOffset.Now.ToString("O")))
                {
                    logger.Log(LogLevel.Trace, "today is {Day}", DateTime.Today.DayOfWeek);
                }
            }
        }
        """);

    [Fact]
    public Task Elapsed_time_recorded_as_a_metric_or_trace_tag_is_not_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs(IStore store)
        {
            private static readonly Meter Meter = new("Acme.Jobs");
            private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("acme.import.duration", "s");
            private static readonly Counter<long> Slow = Meter.CreateCounter<long>("acme.import.elapsed_ticks");

            [BackgroundJob]
            public async Task Run(int id, CancellationToken ct)
            {
                var start = DateTimeOffset.UtcNow;
                await store.WorkAsync(id, ct);
                var seconds = (DateTimeOffset.UtcNow - start).TotalSeconds;
                Duration.Record(Math.Round(seconds, 3), new KeyValuePair<string, object?>("job", "import"));
                Slow.Add((DateTimeOffset.UtcNow - start).Ticks);
                Activity.Current?.SetTag("acme.elapsed_ms", seconds * 1000);
                Activity.Current?.AddEvent(new ActivityEvent("imported", DateTimeOffset.UtcNow));
            }
        }
        """);

    [Fact]
    public Task Elapsed_time_through_logger_message_methods_and_delegates_is_not_reported() => Verify.VerifyAsync(Usings + """
        public sealed partial class Jobs(IStore store, ILogger<Jobs> logger)
        {
            private static readonly Action<ILogger, double, Exception?> LogBatch =
                LoggerMessage.Define<double>(LogLevel.Information, new EventId(2, "Batch"), "Batch took {Ms} ms");

            [BackgroundJob]
            public async Task Run(int id, CancellationToken ct)
            {
                var total = TimeSpan.Zero;
                for (var i = 0; i < 3; i++)
                {
                    var batchStart = DateTime.UtcNow;
                    await store.WorkAsync(i, ct);
                    total += DateTime.UtcNow - batchStart;
                    LogBatch(logger, (DateTime.UtcNow - batchStart).TotalMilliseconds, null);
                }

                LogDone(logger, id, total);
            }

            [LoggerMessage(1, LogLevel.Information, "Job {Id} done in {Elapsed}")]
            static partial void LogDone(ILogger logger, int id, TimeSpan elapsed);
        }
        """);

    [Fact]
    public Task Elapsed_time_logged_from_a_retry_callback_is_not_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs(IStore store, ILogger<Jobs> logger)
        {
            [BackgroundJob]
            public async Task Run(int id, CancellationToken ct)
            {
                var started = DateTimeOffset.UtcNow;
                Action<Exception, int> onRetry = (error, attempt) =>
                    logger.LogWarning(error, "Attempt {Attempt} failed after {Elapsed}", attempt, DateTimeOffset.UtcNow - started);
                try
                {
                    await store.WorkAsync(id, ct);
                }
                catch (Exception error)
                {
                    onRetry(error, 1);
                    throw;
                }
            }
        }
        """);

    [Fact]
    public Task Elapsed_time_used_in_a_decision_is_reported_even_when_also_logged() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs(IStore store, ILogger<Jobs> logger)
        {
            [BackgroundJob]
            public async Task Run(int id, CancellationToken ct)
            {
                var start = {|JG0005:DateTime.UtcNow|};
                await store.WorkAsync(id, ct);
                var elapsed = {|JG0005:DateTime.UtcNow|} - start;
                logger.LogInformation("took {Elapsed}", elapsed);
                if (elapsed > TimeSpan.FromMinutes(5))
                {
                    return;
                }

                await store.WorkAsync(id + 1, ct);
            }
        }
        """);

    [Fact]
    public Task Clock_read_logged_and_stored_is_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs(IStore store, ILogger<Jobs> logger)
        {
            private DateTime _lastRun;

            [BackgroundJob]
            public async Task Save(int id, CancellationToken ct)
            {
                var now = {|JG0005:DateTime.UtcNow|};
                logger.LogInformation("saving at {Now}", now);
                await store.SaveAsync(id, now, ct);
            }

            [BackgroundJob]
            public void Remember(int id, CancellationToken ct)
            {
                var now = {|JG0005:DateTime.UtcNow|};
                logger.LogInformation("remembering {Now}", now);
                _lastRun = now;
            }
        }
        """);

    [Fact]
    public Task Clock_values_that_leave_through_other_paths_are_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Jobs(IStore store, ILogger<Jobs> logger)
        {
            [BackgroundJob]
            public async Task Run(int id, DateTime deadline, CancellationToken ct)
            {
                await Task.Delay(deadline - {|JG0005:DateTime.UtcNow|}, ct);
                Func<DateTimeOffset> clock = () => {|JG0005:DateTimeOffset.UtcNow|};
                var label = {|JG0005:DateTime.UtcNow|} - deadline > TimeSpan.Zero ? "late" : "on time";
                logger.LogInformation("{Label} at {At}", label, clock());
                var stamp = $"{{|JG0005:DateTime.UtcNow|}:O}";
                Console.WriteLine(stamp);
            }
        }
        """);
}
