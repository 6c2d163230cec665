using System.Collections.Frozen;

namespace JobGen.Worker;

/// <summary>
/// Job id → the dispatcher that runs it, and its catalog entry (for the timeout), built once at start from
/// every registered <see cref="IJobDispatcher"/>. Two dispatchers claiming one job id is a start-up error.
/// </summary>
internal sealed class JobDispatcherTable
{
    private readonly FrozenDictionary<string, (IJobDispatcher Dispatcher, JobDescriptor Descriptor)> _jobs;

    public JobDispatcherTable(IEnumerable<IJobDispatcher> dispatchers)
    {
        var jobs = new Dictionary<string, (IJobDispatcher, JobDescriptor)>(StringComparer.Ordinal);
        foreach (var dispatcher in dispatchers)
        {
            foreach (var descriptor in dispatcher.Jobs)
            {
                if (jobs.TryGetValue(descriptor.Job, out var existing))
                {
                    throw new InvalidOperationException(
                        $"Job id '{descriptor.Job}' is registered twice: by {existing.Item2.DeclaringType}.{existing.Item2.Method} " +
                        $"and by {descriptor.DeclaringType}.{descriptor.Method}. Give one of them an explicit id with [BackgroundJob(\"...\")].");
                }

                jobs.Add(descriptor.Job, (dispatcher, descriptor));
            }
        }

        _jobs = jobs.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every known job id.</summary>
    public IEnumerable<string> JobIds => _jobs.Keys;

    /// <summary>The default queue of every known job (one entry per job).</summary>
    public IEnumerable<string> Queues => _jobs.Values.Select(j => j.Descriptor.Queue);

    /// <summary>How many job ids are known.</summary>
    public int Count => _jobs.Count;

    public bool TryGet(string job, out IJobDispatcher dispatcher, out JobDescriptor descriptor)
    {
        if (_jobs.TryGetValue(job, out var entry))
        {
            (dispatcher, descriptor) = entry;
            return true;
        }

        dispatcher = null!;
        descriptor = null!;
        return false;
    }
}
