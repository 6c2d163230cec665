using System.Buffers;
using System.ComponentModel;

namespace JobGen;

/// <summary>
/// Bytes on their way to a queue: where generated <c>Create{Method}Request</c> methods write a job's arguments
/// (<see cref="Rent"/>, write through a <c>MessagePackWriter</c>, <see cref="Complete"/>), and where the client writes
/// envelopes. Not for application code.
/// </summary>
/// <remarks>
/// The bytes land in a block shared by the thread's following writes (bump allocation), so a bulk enqueue of a
/// thousand jobs allocates a few blocks instead of two arrays per job. Bytes handed out are never written again and a
/// block never goes to a pool: every slice stays valid for as long as anyone holds it (a storage may keep it, or a
/// Redis client may still be sending it). A write that outgrows its block and is over half a block long gets a block
/// of its own, which nothing else shares. Blocks stay under the large object heap's threshold.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PayloadBuffer : IBufferWriter<byte>
{
    private const int BlockSize = 16 * 1024;

    [ThreadStatic]
    private static PayloadBuffer? t_cached;

    private byte[] _block = [];
    private int _start;  // where the write in progress starts in _block
    private int _end;    // where it ends so far

    private PayloadBuffer()
    {
    }

    /// <summary>The calling thread's buffer (taken out of its slot until <see cref="Complete"/>, so nesting is safe).</summary>
    public static PayloadBuffer Rent()
    {
        var buffer = t_cached ?? new PayloadBuffer();
        t_cached = null;
        return buffer;
    }

    /// <summary>The bytes written since <see cref="Rent"/>; the buffer goes back to the thread's slot.</summary>
    public ReadOnlyMemory<byte> Complete()
    {
        var written = new ReadOnlyMemory<byte>(_block, _start, _end - _start);
        if (_block.Length > BlockSize)
        {
            // A block of its own: nothing else goes into it.
            _block = [];
            _end = 0;
        }

        _start = _end;
        t_cached = this;
        return written;
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _block.Length - _end)
        {
            throw new InvalidOperationException("Advanced past the end of the span handed out.");
        }

        _end += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _block.AsMemory(_end);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _block.AsSpan(_end);
    }

    private void Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_block.Length - _end >= needed)
        {
            return;
        }

        // Move the write in progress into a new block; the old block keeps the slices already handed out.
        var length = _end - _start;
        var size = length + needed <= BlockSize / 2 ? BlockSize : Math.Max(BlockSize * 2, (length + needed) * 2);
        var block = GC.AllocateUninitializedArray<byte>(size);
        _block.AsSpan(_start, length).CopyTo(block);
        _block = block;
        _start = 0;
        _end = length;
    }
}
