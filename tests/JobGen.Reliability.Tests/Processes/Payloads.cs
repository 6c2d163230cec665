using System.Buffers;
using JobGen.Chaos;
using MessagePack;

namespace JobGen.Reliability.Tests.Processes;

/// <summary>Raw payloads for tests that write straight into a queue, bypassing the typed client.</summary>
internal static class Payloads
{
    public static byte[] Envelope(string id, string job, ReadOnlyMemory<byte> arguments) => EnvelopeSerializer.Serialize(new JobEnvelope
    {
        Id = id,
        Job = job,
        Queue = JobDefaults.Queue,
        Arguments = arguments,
        CreatedAt = DateTimeOffset.UtcNow,
        EnqueuedAt = DateTimeOffset.UtcNow,
        MaxAttempts = 25,
    });

    public static byte[] Record(string id, int n) => Envelope(id, "chaos.record", JobGenChaosJobs.CreateRecordRequest(n, 0).Arguments);

    /// <summary>A MessagePack array written by <paramref name="write"/> (arguments of any shape).</summary>
    public static byte[] Arguments(Action<MessagePackWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(writer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Arguments of <c>chaos.tree</c>: job number, then a <see cref="ChaosTree"/> nested <paramref name="depth"/> levels through Next.</summary>
    public static byte[] NestedTreeArguments(int n, int depth)
    {
        var bytes = new List<byte>(4 + (depth * 2)) { 0x92, (byte)n };
        for (var i = 0; i < depth; i++)
        {
            bytes.Add(0x92); // [Name, Next]
            bytes.Add(0xA0); // Name = ""
        }

        bytes.Add(0xC0); // the last Next is nil
        return [.. bytes];
    }
}
