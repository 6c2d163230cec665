using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace JobGen.Benchmarks.Micro;

/// <summary>
/// Enqueue path, arguments to bytes: JobGen's generated <c>Enqueue{Method}Async</c> through the real
/// <see cref="JobClient"/> (request, envelope, id, encoding) into a storage that drops the bytes, against the same
/// work done with <c>MessagePackSerializer</c> and its standard resolver (the baseline of each shape).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EnqueuePathBenchmarks
{
    private readonly IJobClient _client = new JobClient(new DiscardingStorage());
    private readonly PrimitiveArgs _primitives = new()
    {
        UserId = ArgumentShapes.UserId,
        Locale = ArgumentShapes.Locale,
        AmountCents = ArgumentShapes.AmountCents,
        Urgent = ArgumentShapes.Urgent,
    };

    private readonly OrderLine _line = ArgumentShapes.Line(1);
    private readonly List<OrderLine> _lines = ArgumentShapes.Lines(100);

    [Benchmark(Baseline = true), BenchmarkCategory("NoArgs")]
    public byte[] MessagePack_NoArgs() => BaselineCodec.Encode("bench.shape.none", NoArgs.Instance);

    [Benchmark, BenchmarkCategory("NoArgs")]
    public ValueTask<string> JobGen_NoArgs() => _client.EnqueueNoArgsAsync();

    [Benchmark(Baseline = true), BenchmarkCategory("Primitives")]
    public byte[] MessagePack_Primitives() => BaselineCodec.Encode("bench.shape.primitives", new PrimitiveArgs
    {
        UserId = _primitives.UserId,
        Locale = _primitives.Locale,
        AmountCents = _primitives.AmountCents,
        Urgent = _primitives.Urgent,
    });

    [Benchmark, BenchmarkCategory("Primitives")]
    public ValueTask<string> JobGen_Primitives() =>
        _client.EnqueuePrimitivesAsync(ArgumentShapes.UserId, ArgumentShapes.Locale, ArgumentShapes.AmountCents, ArgumentShapes.Urgent);

    [Benchmark(Baseline = true), BenchmarkCategory("Record")]
    public byte[] MessagePack_Record() => BaselineCodec.Encode("bench.shape.record", _line);

    [Benchmark, BenchmarkCategory("Record")]
    public ValueTask<string> JobGen_Record() => _client.EnqueueRecordAsync(_line);

    [Benchmark(Baseline = true), BenchmarkCategory("ListOf100")]
    public byte[] MessagePack_ListOf100() => BaselineCodec.Encode("bench.shape.list", _lines);

    [Benchmark, BenchmarkCategory("ListOf100")]
    public ValueTask<string> JobGen_ListOf100() => _client.EnqueueListAsync(_lines);
}
