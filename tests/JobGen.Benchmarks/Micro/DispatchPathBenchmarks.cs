using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;

namespace JobGen.Benchmarks.Micro;

/// <summary>
/// Dispatch path, bytes to the call: JobGen decodes the envelope and runs the generated dispatcher (a switch on the job
/// id, generated argument readers, a direct call); the baseline does the same with <c>MessagePackSerializer</c> and its
/// standard resolver. <c>JobGen_InvokeOnly</c> starts from a decoded envelope: what the generated dispatcher alone costs.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DispatchPathBenchmarks
{
    private readonly IServiceProvider _services = new ServiceCollection().AddJobGenBenchmarksJobs().BuildServiceProvider();
    private readonly IJobDispatcher _dispatcher = JobGenBenchmarksJobs.Dispatcher;
    // Indexed by (int)Shape: an array read keeps the harness's own cost out of the figures.
    private readonly byte[][] _jobGen = new byte[4][];
    private readonly JobEnvelope[] _decoded = new JobEnvelope[4];
    private readonly byte[][] _baseline = new byte[4][];

    [GlobalSetup]
    public void Setup()
    {
        Add(Shape.NoArgs, JobGenBenchmarksJobs.CreateNoArgsRequest(), BaselineCodec.Encode("bench.shape.none", NoArgs.Instance));
        Add(Shape.Primitives,
            JobGenBenchmarksJobs.CreatePrimitivesRequest(ArgumentShapes.UserId, ArgumentShapes.Locale, ArgumentShapes.AmountCents, ArgumentShapes.Urgent),
            BaselineCodec.Encode("bench.shape.primitives", new PrimitiveArgs
            {
                UserId = ArgumentShapes.UserId,
                Locale = ArgumentShapes.Locale,
                AmountCents = ArgumentShapes.AmountCents,
                Urgent = ArgumentShapes.Urgent,
            }));
        Add(Shape.Record, JobGenBenchmarksJobs.CreateRecordRequest(ArgumentShapes.Line(1)), BaselineCodec.Encode("bench.shape.record", ArgumentShapes.Line(1)));
        Add(Shape.ListOf100, JobGenBenchmarksJobs.CreateListRequest(ArgumentShapes.Lines(100)), BaselineCodec.Encode("bench.shape.list", ArgumentShapes.Lines(100)));
    }

    private void Add(Shape shape, JobRequest request, byte[] baseline)
    {
        var now = DateTimeOffset.UtcNow;
        var envelope = new JobEnvelope
        {
            Id = JobIds.NewId(),
            Job = request.Job,
            Queue = request.Queue,
            Arguments = request.Arguments,
            CreatedAt = now,
            EnqueuedAt = now,
            MaxAttempts = request.MaxAttempts,
        };
        _jobGen[(int)shape] = EnvelopeSerializer.Serialize(envelope);
        _decoded[(int)shape] = EnvelopeSerializer.Deserialize(_jobGen[(int)shape]);
        _baseline[(int)shape] = baseline;
    }

    private ValueTask Run(Shape shape) => _dispatcher.InvokeAsync(EnvelopeSerializer.Deserialize(_jobGen[(int)shape]), _services, CancellationToken.None);

    private ValueTask Invoke(Shape shape) => _dispatcher.InvokeAsync(_decoded[(int)shape], _services, CancellationToken.None);

    [Benchmark(Baseline = true), BenchmarkCategory("NoArgs")]
    public void MessagePack_NoArgs() => BaselineCodec.DispatchNoArgs(_baseline[(int)Shape.NoArgs]);

    [Benchmark, BenchmarkCategory("NoArgs")]
    public ValueTask JobGen_NoArgs() => Run(Shape.NoArgs);

    [Benchmark, BenchmarkCategory("NoArgs")]
    public ValueTask JobGen_InvokeOnly_NoArgs() => Invoke(Shape.NoArgs);

    [Benchmark(Baseline = true), BenchmarkCategory("Primitives")]
    public void MessagePack_Primitives() => BaselineCodec.DispatchPrimitives(_baseline[(int)Shape.Primitives]);

    [Benchmark, BenchmarkCategory("Primitives")]
    public ValueTask JobGen_Primitives() => Run(Shape.Primitives);

    [Benchmark, BenchmarkCategory("Primitives")]
    public ValueTask JobGen_InvokeOnly_Primitives() => Invoke(Shape.Primitives);

    [Benchmark(Baseline = true), BenchmarkCategory("Record")]
    public void MessagePack_Record() => BaselineCodec.DispatchRecord(_baseline[(int)Shape.Record]);

    [Benchmark, BenchmarkCategory("Record")]
    public ValueTask JobGen_Record() => Run(Shape.Record);

    [Benchmark, BenchmarkCategory("Record")]
    public ValueTask JobGen_InvokeOnly_Record() => Invoke(Shape.Record);

    [Benchmark(Baseline = true), BenchmarkCategory("ListOf100")]
    public void MessagePack_ListOf100() => BaselineCodec.DispatchList(_baseline[(int)Shape.ListOf100]);

    [Benchmark, BenchmarkCategory("ListOf100")]
    public ValueTask JobGen_ListOf100() => Run(Shape.ListOf100);

    [Benchmark, BenchmarkCategory("ListOf100")]
    public ValueTask JobGen_InvokeOnly_ListOf100() => Invoke(Shape.ListOf100);
}
