using JobGen.Storage;
using Microsoft.Extensions.Logging;

namespace JobGen.Worker;

/// <summary>What every part of the worker shares: the storage, the clock, the options, the log and the job runs' log (<see cref="RunLog"/>).</summary>
internal sealed record WorkerDependencies(IJobStorage Storage, TimeProvider Time, JobGenOptions Options, ILogger Logger, ILogger RunLogger)
{
    public JobWorkerOptions Worker => Options.Worker;

    /// <summary>Checks fetched envelopes and signs retries; null when signing is off (JobGen:Security:SigningKeys).</summary>
    public EnvelopeSigner? Signer { get; } = EnvelopeSigner.From(Options.Security);
}
