using System.Buffers.Binary;
using System.Text;

namespace JobGen;

/// <summary>
/// The small part of MessagePack the envelope uses, read straight from a span. MessagePack-CSharp's reader goes
/// through a <c>ReadOnlySequence</c> and its <c>SequenceReader</c> even for one contiguous payload, which was three
/// quarters of a no-op job's decode. Every malformed input raises <see cref="JobPayloadException"/>; no length prefix
/// is trusted beyond the bytes that are really there.
/// </summary>
internal ref struct SpanMessagePackReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public SpanMessagePackReader(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>Bytes read so far.</summary>
    public readonly int Consumed => _position;

    public readonly bool End => _position >= _data.Length;

    private readonly int Remaining => _data.Length - _position;

    /// <summary>The next format byte, without reading it.</summary>
    public readonly byte PeekCode() => _position < _data.Length ? _data[_position] : throw Truncated();

    public readonly bool NextIsInteger() => PeekCode() is <= 0x7f or >= 0xe0 or (>= 0xcc and <= 0xd3);

    public readonly bool NextIsMap() => PeekCode() is (>= 0x80 and <= 0x8f) or 0xde or 0xdf;

    public bool TryReadNil()
    {
        if (PeekCode() != 0xc0)
        {
            return false;
        }

        _position++;
        return true;
    }

    /// <summary>A map header whose count is checked against the bytes left (each pair takes at least two).</summary>
    public int ReadMapHeader()
    {
        var code = ReadCode();
        long count = code switch
        {
            >= 0x80 and <= 0x8f => code & 0x0f,
            0xde => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xdf => BinaryPrimitives.ReadUInt32BigEndian(Take(4)),
            _ => throw Unexpected(code, "a map"),
        };
        return count * 2 <= Remaining ? (int)count : throw new JobPayloadException($"A map claims {count} entries but only {Remaining} bytes follow.");
    }

    /// <summary>A fixarray header (at most 15 elements), checked against the bytes left.</summary>
    public int ReadFixArrayHeader()
    {
        var code = ReadCode();
        var count = code is >= 0x90 and <= 0x9f ? code & 0x0f : throw Unexpected(code, "a short array");
        return count <= Remaining ? count : throw new JobPayloadException($"An array claims {count} elements but only {Remaining} bytes follow.");
    }

    public long ReadInt64()
    {
        var code = ReadCode();
        return code switch
        {
            <= 0x7f => code,
            >= 0xe0 => (sbyte)code,
            0xcc => Take(1)[0],
            0xcd => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xce => BinaryPrimitives.ReadUInt32BigEndian(Take(4)),
            0xcf => BinaryPrimitives.ReadUInt64BigEndian(Take(8)) is var u && u <= long.MaxValue ? (long)u : throw new JobPayloadException($"The integer {u} is out of range."),
            0xd0 => (sbyte)Take(1)[0],
            0xd1 => BinaryPrimitives.ReadInt16BigEndian(Take(2)),
            0xd2 => BinaryPrimitives.ReadInt32BigEndian(Take(4)),
            0xd3 => BinaryPrimitives.ReadInt64BigEndian(Take(8)),
            _ => throw Unexpected(code, "an integer"),
        };
    }

    public int ReadInt32()
    {
        var value = ReadInt64();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new JobPayloadException($"The integer {value} is out of range.");
    }

    public byte ReadByte()
    {
        var value = ReadInt64();
        return value is >= 0 and <= byte.MaxValue ? (byte)value : throw new JobPayloadException($"The integer {value} is out of range.");
    }

    /// <summary>The UTF-8 bytes of a string (str8/16/32 or fixstr); false for nil.</summary>
    public bool TryReadStringBytes(out ReadOnlySpan<byte> utf8)
    {
        var code = ReadCode();
        int length = code switch
        {
            >= 0xa0 and <= 0xbf => code & 0x1f,
            0xd9 => Take(1)[0],
            0xda => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xdb => Length(BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            0xc0 => -1,
            _ => throw Unexpected(code, "a string"),
        };
        if (length < 0)
        {
            utf8 = default;
            return false;
        }

        utf8 = Take(length);
        return true;
    }

    /// <summary>A string, or null for nil (invalid UTF-8 becomes U+FFFD, as MessagePack-CSharp does).</summary>
    public string? ReadString() => TryReadStringBytes(out var utf8) ? Encoding.UTF8.GetString(utf8) : null;

    /// <summary>The range of a bin8/16/32 value in the input; false for nil.</summary>
    public bool TryReadBinary(out int start, out int length)
    {
        var code = ReadCode();
        length = code switch
        {
            0xc4 => Take(1)[0],
            0xc5 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xc6 => Length(BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            0xc0 => -1,
            _ => throw Unexpected(code, "binary data"),
        };
        start = _position;
        if (length < 0)
        {
            return false;
        }

        Take(length);
        return true;
    }

    /// <summary>
    /// Skips one value of any type. Containers are not recursed into: a pending counter keeps a nesting bomb
    /// iterative, and every count is checked against the bytes left.
    /// </summary>
    public void Skip()
    {
        long pending = 1;
        while (pending-- > 0)
        {
            var code = ReadCode();
            switch (code)
            {
                case <= 0x7f or >= 0xe0 or 0xc0 or 0xc2 or 0xc3:
                    break;
                case >= 0x80 and <= 0x8f: pending += Items(2L * (code & 0x0f), pending); break;
                case >= 0x90 and <= 0x9f: pending += Items(code & 0x0f, pending); break;
                case >= 0xa0 and <= 0xbf: Take(code & 0x1f); break;
                case 0xc4 or 0xd9: Take(Take(1)[0]); break;
                case 0xc5 or 0xda: Take(BinaryPrimitives.ReadUInt16BigEndian(Take(2))); break;
                case 0xc6 or 0xdb: Take(Length(BinaryPrimitives.ReadUInt32BigEndian(Take(4)))); break;
                case 0xc7: Take(1 + Take(1)[0]); break;
                case 0xc8: Take(1 + BinaryPrimitives.ReadUInt16BigEndian(Take(2))); break;
                case 0xc9: Take(Length(1L + BinaryPrimitives.ReadUInt32BigEndian(Take(4)))); break;
                case 0xca: Take(4); break;
                case 0xcb: Take(8); break;
                case 0xcc or 0xd0: Take(1); break;
                case 0xcd or 0xd1: Take(2); break;
                case 0xce or 0xd2: Take(4); break;
                case 0xcf or 0xd3: Take(8); break;
                case 0xd4: Take(2); break;
                case 0xd5: Take(3); break;
                case 0xd6: Take(5); break;
                case 0xd7: Take(9); break;
                case 0xd8: Take(17); break;
                case 0xdc: pending += Items(BinaryPrimitives.ReadUInt16BigEndian(Take(2)), pending); break;
                case 0xdd: pending += Items(BinaryPrimitives.ReadUInt32BigEndian(Take(4)), pending); break;
                case 0xde: pending += Items(2L * BinaryPrimitives.ReadUInt16BigEndian(Take(2)), pending); break;
                case 0xdf: pending += Items(2L * BinaryPrimitives.ReadUInt32BigEndian(Take(4)), pending); break;
                default: throw new JobPayloadException($"Byte 0x{code:x2} at offset {_position - 1} is not a MessagePack format code.");
            }
        }
    }

    // Each pending item takes at least one byte, so more items than bytes left is a forged count.
    private readonly long Items(long count, long pending) =>
        count + pending <= Remaining ? count : throw new JobPayloadException($"A container claims {count} items but only {Remaining} bytes follow.");

    private byte ReadCode()
    {
        if (_position >= _data.Length)
        {
            throw Truncated();
        }

        return _data[_position++];
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw new JobPayloadException($"A value claims {count} bytes but only {Remaining} follow.");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    private readonly int Length(long length) =>
        length <= Remaining ? (int)length : throw new JobPayloadException($"A value claims {length} bytes but only {Remaining} follow.");

    private readonly JobPayloadException Truncated() => new($"The input ends early, at offset {_position}.");

    private readonly JobPayloadException Unexpected(byte code, string expected) =>
        new($"Expected {expected} at offset {_position - 1} but found format byte 0x{code:x2}.");
}
