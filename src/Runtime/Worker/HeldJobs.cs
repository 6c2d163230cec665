using System.Collections.Concurrent;
using JobGen.Storage;

namespace JobGen.Worker;

/// <summary>
/// Every lease this worker holds, from fetch until ack/retry/kill/requeue: waiting in the channel or running.
/// The renewer extends them all; shutdown returns whatever is left, so nothing is lost.
/// </summary>
internal sealed class HeldJobs
{
    // FetchedJob has reference identity: a lease is the object the storage handed out.
    private readonly ConcurrentDictionary<FetchedJob, byte> _jobs = new();
    private int _running;

    public int Count => _jobs.Count;

    /// <summary>Jobs being run right now (for the heartbeat's busy count).</summary>
    public int Running => Volatile.Read(ref _running);

    public void Add(FetchedJob job) => _jobs.TryAdd(job, 0);

    /// <summary>Releases a lease; false if it was already released (for example requeued at the deadline).</summary>
    public bool Release(FetchedJob job) => _jobs.TryRemove(job, out _);

    public bool Holds(FetchedJob job) => _jobs.ContainsKey(job);

    public void StartedRunning() => Interlocked.Increment(ref _running);

    public void StoppedRunning() => Interlocked.Decrement(ref _running);

    public FetchedJob[] Snapshot() => [.. _jobs.Keys];

    /// <summary>Takes every remaining lease (they are no longer this worker's to complete).</summary>
    public List<FetchedJob> ReleaseAll()
    {
        var released = new List<FetchedJob>();
        foreach (var job in _jobs.Keys)
        {
            if (_jobs.TryRemove(job, out _))
            {
                released.Add(job);
            }
        }

        return released;
    }
}
