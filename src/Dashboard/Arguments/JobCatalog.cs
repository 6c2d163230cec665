namespace JobGen.Dashboard.Arguments;

/// <summary>Every job this app can run, from the generated dispatchers (compile-time facts, no reflection), by job id.</summary>
internal sealed class JobCatalog
{
    private readonly Dictionary<string, JobDescriptor> _byId = new(StringComparer.Ordinal);

    public JobCatalog(IEnumerable<IJobDispatcher> dispatchers)
    {
        foreach (var dispatcher in dispatchers)
        {
            foreach (var job in dispatcher.Jobs)
            {
                _byId.TryAdd(job.Job, job);
            }
        }

        Jobs = [.. _byId.Values.OrderBy(j => j.Job, StringComparer.Ordinal)];
    }

    /// <summary>The jobs, sorted by id.</summary>
    public IReadOnlyList<JobDescriptor> Jobs { get; }

    public JobDescriptor? Find(string? job) => job is not null && _byId.TryGetValue(job, out var found) ? found : null;
}
