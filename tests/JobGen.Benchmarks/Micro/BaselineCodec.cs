using JobGen.Benchmarks.Jobs;
using MessagePack;
using MessagePack.Resolvers;

namespace JobGen.Benchmarks.Micro;

/// <summary>
/// The baseline side of the micro-benchmarks: encode and dispatch with <see cref="MessagePackSerializer"/> and
/// <see cref="StandardResolver"/> (runtime-generated formatters), doing the same work as JobGen's path: a new job
/// id, timestamps, the envelope, the bytes; and back: the bytes, the envelope, a switch on the job id, the call.
/// </summary>
public static class BaselineCodec
{
    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard.WithResolver(StandardResolver.Instance);

    public static byte[] Encode<TArgs>(string job, TArgs args)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var envelope = new BaselineEnvelope<TArgs>
        {
            Id = JobIds.NewId(),
            Job = job,
            Queue = JobDefaults.Queue,
            Args = args,
            CreatedAt = now,
            EnqueuedAt = now,
        };
        return MessagePackSerializer.Serialize(envelope, Options);
    }

    public static void DispatchNoArgs(byte[] payload)
    {
        var envelope = MessagePackSerializer.Deserialize<BaselineEnvelope<NoArgs>>(payload, Options);
        switch (envelope.Job)
        {
            case "bench.shape.none": ShapeJobs.NoArgs(); break;
            default: throw new UnknownJobException(envelope.Job);
        }
    }

    public static void DispatchPrimitives(byte[] payload)
    {
        var envelope = MessagePackSerializer.Deserialize<BaselineEnvelope<PrimitiveArgs>>(payload, Options);
        switch (envelope.Job)
        {
            case "bench.shape.primitives":
                var a = envelope.Args!;
                ShapeJobs.Primitives(a.UserId, a.Locale, a.AmountCents, a.Urgent);
                break;
            default: throw new UnknownJobException(envelope.Job);
        }
    }

    public static void DispatchRecord(byte[] payload)
    {
        var envelope = MessagePackSerializer.Deserialize<BaselineEnvelope<OrderLine>>(payload, Options);
        switch (envelope.Job)
        {
            case "bench.shape.record": ShapeJobs.Record(envelope.Args!); break;
            default: throw new UnknownJobException(envelope.Job);
        }
    }

    public static void DispatchList(byte[] payload)
    {
        var envelope = MessagePackSerializer.Deserialize<BaselineEnvelope<List<OrderLine>>>(payload, Options);
        switch (envelope.Job)
        {
            case "bench.shape.list": ShapeJobs.List(envelope.Args!); break;
            default: throw new UnknownJobException(envelope.Job);
        }
    }
}
