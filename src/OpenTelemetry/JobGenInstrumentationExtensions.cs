using JobGen;
using JobGen.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace OpenTelemetry.Trace
{
    /// <summary>Adds JobGen's spans to a tracer provider.</summary>
    public static class JobGenTracerProviderBuilderExtensions
    {
        /// <summary>
        /// Records JobGen's spans (<c>ActivitySource("JobGen")</c>): a producer span per enqueue (<c>send {job}</c>) and a
        /// consumer span per run (<c>process {job}</c>) in the same trace, with retries and deaths as events. See docs/telemetry.md.
        /// </summary>
        public static TracerProviderBuilder AddJobGenInstrumentation(this TracerProviderBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            return builder.AddSource(JobGenInstrumentation.Name);
        }
    }
}

namespace OpenTelemetry.Metrics
{
    /// <summary>Adds JobGen's instruments to a meter provider.</summary>
    public static class JobGenMeterProviderBuilderExtensions
    {
        /// <summary>
        /// Records JobGen's instruments (<c>Meter("JobGen")</c>): run durations and counts, enqueues, the busy and lease
        /// gauges of the workers in this process and, when the app has JobGen registered (<c>AddJobGen</c>) and runs as a
        /// host, the queue gauges read from the storage every <see cref="JobGenMetricsOptions.QueueMetricsInterval"/>.
        /// See docs/telemetry.md.
        /// </summary>
        public static MeterProviderBuilder AddJobGenInstrumentation(this MeterProviderBuilder builder, Action<JobGenMetricsOptions>? configure = null)
        {
            ArgumentNullException.ThrowIfNull(builder);
            var options = new JobGenMetricsOptions();
            configure?.Invoke(options);
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.QueueMetricsInterval, TimeSpan.Zero, nameof(options.QueueMetricsInterval));
            builder.AddMeter(JobGenInstrumentation.Name);
            if (options.QueueMetrics)
            {
                builder.ConfigureServices(services =>
                {
                    services.TryAddSingleton<QueueGauges>();
                    services.TryAddSingleton(sp => new QueueGaugeSampler(
                        sp.GetRequiredService<QueueGauges>(),
                        sp.GetRequiredService<JobMonitor>(),
                        options,
                        sp.GetService<TimeProvider>() ?? TimeProvider.System,
                        sp.GetService<Microsoft.Extensions.Logging.ILogger<QueueGaugeSampler>>()));
                    services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, QueueGaugeSampler>(sp => sp.GetRequiredService<QueueGaugeSampler>()));
                });
            }

            return builder;
        }
    }
}

namespace JobGen.OpenTelemetry
{
    /// <summary>The names JobGen's telemetry is published under.</summary>
    public static class JobGenInstrumentation
    {
        /// <summary>The name of JobGen's <c>ActivitySource</c> and <c>Meter</c>.</summary>
        public const string Name = "JobGen";
    }
}
