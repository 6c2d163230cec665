using BenchmarkDotNet.Attributes;
using MessagePack;

namespace JobGen.Benchmarks.Micro;

/// <summary>
/// The envelope alone (no arguments formatter): <see cref="EnvelopeWriter"/> writing into the thread's payload blocks
/// (as every producer does), into a new array, and reading back, for argument blobs the size of each argument shape.
/// </summary>
[MemoryDiagnoser]
public class EnvelopeBenchmarks
{
    private JobEnvelope _envelope = null!;
    private EnvelopeFields _fields;
    private byte[] _payload = null!;

    [Params(Shape.NoArgs, Shape.Primitives, Shape.Record, Shape.ListOf100)]
    public Shape Shape { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow;
        _envelope = new JobEnvelope
        {
            Id = JobIds.NewId(),
            Job = "bench." + Shape,
            Queue = JobDefaults.Queue,
            Arguments = ArgumentBytes(Shape),
            CreatedAt = now,
            EnqueuedAt = now,
        };
        _fields = _envelope.ToFields();
        _payload = EnvelopeSerializer.Serialize(_envelope);
    }

    [Benchmark]
    public int WriteToPayloadBlocks() => EnvelopeWriter.Write(_fields).Length;

    [Benchmark]
    public byte[] SerializeToArray() => EnvelopeSerializer.Serialize(_envelope);

    [Benchmark]
    public JobEnvelope Deserialize() => EnvelopeSerializer.Deserialize(_payload);

    /// <summary>Argument bytes of a realistic size for each shape (their content does not matter to the envelope).</summary>
    public static byte[] ArgumentBytes(Shape shape) => shape switch
    {
        Shape.NoArgs => MessagePackSerializer.Serialize(Array.Empty<int>()),
        Shape.Primitives => MessagePackSerializer.Serialize(new PrimitiveArgs
        {
            UserId = ArgumentShapes.UserId,
            Locale = ArgumentShapes.Locale,
            AmountCents = ArgumentShapes.AmountCents,
            Urgent = ArgumentShapes.Urgent,
        }),
        Shape.Record => MessagePackSerializer.Serialize(ArgumentShapes.Line(1)),
        _ => MessagePackSerializer.Serialize(ArgumentShapes.Lines(100)),
    };
}

/// <summary>The argument shapes measured: none, a few primitives, one record, a list of 100 records.</summary>
public enum Shape
{
    NoArgs,
    Primitives,
    Record,
    ListOf100,
}
