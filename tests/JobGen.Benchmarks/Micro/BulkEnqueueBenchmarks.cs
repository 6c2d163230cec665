using BenchmarkDotNet.Attributes;

namespace JobGen.Benchmarks.Micro;

/// <summary>
/// Bulk enqueue, client side, per job: 1,000 generated <c>CreateNoopRequest(seq)</c> and one
/// <see cref="IJobClient.EnqueueManyAsync"/> through the real <see cref="JobClient"/> into a storage that drops the
/// bytes (the e2e bulk workload minus Redis), against 1,000 <c>MessagePackSerializer</c> envelopes (new id, timestamps,
/// envelope object, bytes; the argument a bare int rather than a one-element array, a small head start).
/// </summary>
[MemoryDiagnoser]
public class BulkEnqueueBenchmarks
{
    private const int Batch = 1_000;
    private readonly IJobClient _client = new JobClient(new DiscardingStorage());
    private readonly List<JobRequest> _requests = new(Batch);

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int MessagePack_Bulk1000()
    {
        var bytes = 0;
        for (var seq = 0; seq < Batch; seq++)
        {
            bytes += BaselineCodec.Encode("bench.noop", seq).Length;
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public ValueTask<IReadOnlyList<string>> JobGen_Bulk1000()
    {
        _requests.Clear();
        for (var seq = 0; seq < Batch; seq++)
        {
            _requests.Add(JobGenBenchmarksWorkerJobs.CreateNoopRequest(seq));
        }

        return _client.EnqueueManyAsync(_requests);
    }
}
