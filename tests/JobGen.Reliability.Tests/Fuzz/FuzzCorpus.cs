using System.Buffers;
using JobGen.Storage;
using MessagePack;

namespace JobGen.Reliability.Tests.Fuzz;

/// <summary>Valid seeds for the mutator: envelopes and dead-job records covering every field and shape.</summary>
internal static class FuzzCorpus
{
    public static IReadOnlyList<byte[]> Envelopes()
    {
        var headers = new Dictionary<string, string> { ["traceparent"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", ["tenant"] = "acme-é" };
        byte[][] args = [[0x90], [0x92, 0x2A, 0xA2, 0x65, 0x6E], [0x93, 0xC3, 0xCB, 0x40, 0x09, 0x21, 0xFB, 0x54, 0x44, 0x2D, 0x18, 0x92, 0x01, 0x02], new byte[300]];
        args[3][0] = 0xDC; // array16 header claiming 0 items, then zero padding
        var list = new List<byte[]>();
        for (var i = 0; i < args.Length; i++)
        {
            list.Add(EnvelopeSerializer.Serialize(new JobEnvelope
            {
                Id = $"019ac0de00000000000000000000000{i}", // fixed, so a seed replays the same inputs
                Job = i % 2 == 0 ? "emails.welcome" : "JobGen.Samples.ReportJobs.Render",
                Kind = (JobKind)(i % 2),
                Queue = i == 0 ? JobDefaults.Queue : "mailers",
                Arguments = args[i],
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000 + i),
                EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_500 + i),
                Attempt = i,
                MaxAttempts = 25,
                LastError = i % 2 == 1 ? "System.InvalidOperationException: boom" : null,
                Headers = i >= 2 ? headers : new Dictionary<string, string>(),
            }));
        }

        list.Add(NewerClientEnvelope());
        return list;
    }

    public static IReadOnlyList<byte[]> DeadJobs()
    {
        var envelopes = Envelopes();
        return
        [
            new DeadJob
            {
                JobId = "0193a1b2c3d4", Job = "emails.welcome", Queue = "mailers", DiedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000),
                Reason = DeathReason.AttemptsExhausted, Message = "boom", ExceptionType = "System.InvalidOperationException",
                StackTrace = "   at Jobs.Welcome()\n   at JobGen.Worker.Run()", Payload = envelopes[1],
            }.Serialize(),
            new DeadJob
            {
                JobId = "sha:12ab", Queue = "default", Reason = DeathReason.UndecodableEnvelope,
                Message = "The envelope is empty.", Payload = new byte[] { 0xC1, 0xFF },
            }.Serialize(),
        ];
    }

    // An envelope from a future client: unknown keys with nested values (what the decoder must skip).
    private static byte[] NewerClientEnvelope()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(buffer);
        w.WriteMapHeader(7);
        w.Write(0); w.Write(1);
        w.Write(1); w.Write("id-1");
        w.Write(2); w.Write("emails.welcome");
        w.Write(4); w.Write("default");
        w.Write(5); w.Write(new byte[] { 0x91, 0x07 });
        w.Write(42); w.WriteArrayHeader(2); w.WriteMapHeader(1); w.Write("k"); w.Write(new byte[] { 1, 2, 3 }); w.Write(3.5);
        w.Write("named-key"); w.WriteArrayHeader(1); w.WriteArrayHeader(1); w.WriteNil();
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
