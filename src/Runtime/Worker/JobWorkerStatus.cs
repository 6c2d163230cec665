namespace JobGen;

/// <summary>A worker's state as seen from inside its process (<see cref="JobWorker.GetStatus"/>).</summary>
/// <param name="Enabled">The worker is configured to run in this process (<c>JobGen:Worker:Enabled</c>).</param>
/// <param name="Running">Started and not stopped.</param>
/// <param name="ProcessId">Its id in the storage's process list (null before it starts).</param>
/// <param name="LastHeartbeatAt">When its last heartbeat reached the storage (null before the first).</param>
/// <param name="FetchFailingSince">Since when every fetch has failed; null while fetches succeed.</param>
/// <param name="LastFetchError">The last failed fetch's message while fetches fail.</param>
/// <param name="Busy">Jobs running now.</param>
/// <param name="Leases">Jobs held: fetched and not yet finished or returned.</param>
public sealed record JobWorkerStatus(
    bool Enabled,
    bool Running,
    string? ProcessId,
    DateTimeOffset? LastHeartbeatAt,
    DateTimeOffset? FetchFailingSince,
    string? LastFetchError,
    int Busy,
    int Leases);
