namespace JobGen.Reliability.Tests.Processes;

/// <summary>
/// Tests that start redis-servers and worker processes run one at a time: on a small CI machine, several of them
/// at once would turn their deadlines (shutdown within 5 s, fail-fast enqueue) into measurements of CPU contention.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessTestCollection
{
    public const string Name = "worker processes";
}
