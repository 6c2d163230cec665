using System.Buffers;
using System.Buffers.Binary;
using JobGen.Dashboard.Arguments;
using MessagePack;

namespace JobGen.Dashboard.Tests;

/// <summary>
/// The newer argument types read by their parameter type, in the encodings docs/wire-format-arguments.md gives;
/// a value that is not what its type allows is shown as it is, never an error.
/// </summary>
public sealed class ArgumentDecoderTests
{
    private static readonly JobDescriptor Job = new("dash.newer", "default", 3, 0, "global::Shop.Jobs", "Run",
    [
        new("day", "global::System.DateOnly"),
        new("at", "global::System.TimeOnly?"),
        new("big", "global::System.Int128"),
        new("huge", "global::System.UInt128"),
    ]);

    [Fact]
    public void DateOnly_TimeOnly_and_128_bit_integers_read_as_their_values()
    {
        var bytes = Encode((ref MessagePackWriter w) =>
        {
            w.Write(new DateOnly(2026, 12, 2).DayNumber);
            w.Write(new TimeOnly(7, 30, 15).Ticks);
            WriteBig(ref w, b => BinaryPrimitives.WriteInt128BigEndian(b, Int128.MinValue + 1));
            WriteBig(ref w, b => BinaryPrimitives.WriteUInt128BigEndian(b, UInt128.MaxValue));
        });

        var decoded = ArgumentDecoder.Decode(bytes, Job, out var problem);

        Assert.Null(problem);
        Assert.Equal(["2026-12-02", "07:30:15", (Int128.MinValue + 1).ToString(), UInt128.MaxValue.ToString()], decoded.Select(a => a.Value));
    }

    [Fact]
    public void Out_of_range_values_are_shown_as_numbers()
    {
        var bytes = Encode((ref MessagePackWriter w) =>
        {
            w.Write(long.MaxValue);
            w.Write(-1L);
            w.Write(new byte[] { 1, 2, 3 });
            w.WriteNil();
        });

        var decoded = ArgumentDecoder.Decode(bytes, Job, out var problem);

        Assert.Null(problem);
        Assert.Equal(long.MaxValue.ToString(), decoded[0].Value);
        Assert.Equal("-1", decoded[1].Value);
        Assert.Equal("0x010203", decoded[2].Value);
        Assert.Equal("null", decoded[3].Value);
    }

    private delegate void WriteArguments(ref MessagePackWriter writer);

    private delegate void FillBytes(Span<byte> bytes);

    private static void WriteBig(ref MessagePackWriter writer, FillBytes fill)
    {
        var value = new byte[16];
        fill(value);
        writer.Write(value);
    }

    private static ReadOnlyMemory<byte> Encode(WriteArguments write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(Job.Parameters.Count);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenMemory;
    }
}
