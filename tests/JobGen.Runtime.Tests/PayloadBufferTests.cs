namespace JobGen.Runtime.Tests;

/// <summary>
/// <see cref="PayloadBuffer"/> hands out slices of shared blocks: a slice must never change after it is handed out,
/// whatever is written after it (more writes, a block change, a write too large for a block, a nested write).
/// </summary>
public sealed class PayloadBufferTests
{
    [Fact]
    public void Slices_keep_their_bytes_across_blocks_and_large_writes()
    {
        var random = new Random(6);
        var sizes = Enumerable.Range(0, 3_000).Select(i => i % 500 == 7 ? 40_000 + i : random.Next(0, 300)).ToArray();
        var handedOut = new List<(ReadOnlyMemory<byte> Slice, byte[] Expected)>();
        foreach (var size in sizes)
        {
            var expected = new byte[size];
            random.NextBytes(expected);
            handedOut.Add((Write(expected, pieces: 1 + (size % 3)), expected));
        }

        foreach (var (slice, expected) in handedOut)
        {
            Assert.Equal(expected, slice.ToArray());
        }
    }

    [Fact]
    public void A_nested_write_gets_its_own_buffer()
    {
        var outer = PayloadBuffer.Rent();
        outer.GetSpan(3)[..3].Fill(1);
        outer.Advance(3);

        var inner = Write([9, 9, 9, 9], pieces: 2);

        outer.GetSpan(2)[..2].Fill(2);
        outer.Advance(2);
        var outerBytes = outer.Complete();

        Assert.Equal([1, 1, 1, 2, 2], outerBytes.ToArray());
        Assert.Equal([9, 9, 9, 9], inner.ToArray());
    }

    [Fact]
    public void Advancing_past_the_span_handed_out_throws()
    {
        var buffer = PayloadBuffer.Rent();
        var length = buffer.GetSpan(10).Length;

        Assert.Throws<InvalidOperationException>(() => buffer.Advance(length + 1));
        buffer.Complete();
    }

    // Writes in several GetSpan/Advance steps, as MessagePackWriter does.
    private static ReadOnlyMemory<byte> Write(byte[] bytes, int pieces)
    {
        var buffer = PayloadBuffer.Rent();
        var step = Math.Max(1, bytes.Length / pieces);
        for (var at = 0; at < bytes.Length; at += step)
        {
            var n = Math.Min(step, bytes.Length - at);
            bytes.AsSpan(at, n).CopyTo(buffer.GetSpan(n));
            buffer.Advance(n);
        }

        return buffer.Complete();
    }
}
