using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace JobGen;

/// <summary>
/// The small part of MessagePack the envelope and dead-job records use, written straight into one span: the mirror
/// of <see cref="SpanMessagePackReader"/>. Every value takes its smallest encoding, as MessagePack-CSharp's writer
/// chooses it (so payloads written before this writer existed are byte for byte what it writes). The caller reserves
/// the span from the <c>Max…Size</c> figures; writing past it is a bug and throws.
/// </summary>
internal ref struct SpanMessagePackWriter
{
    /// <summary>The most bytes an integer, a map header or a length header takes.</summary>
    public const int MaxIntegerSize = 9, MaxHeaderSize = 5;

    private readonly Span<byte> _span;
    private int _position;

    public SpanMessagePackWriter(Span<byte> span) => _span = span;

    /// <summary>Bytes written so far.</summary>
    public readonly int Written => _position;

    /// <summary>The most bytes <paramref name="text"/> takes (a UTF-16 unit is at most 3 UTF-8 bytes).</summary>
    public static long MaxStringSize(string? text) => MaxHeaderSize + (3L * (text?.Length ?? 0));

    /// <summary>Skips one byte to be filled in later by <see cref="PatchFixMap"/> (a map whose count is known last).</summary>
    public int ReserveFixMap() => _position++;

    public readonly void PatchFixMap(int at, int count) => _span[at] = count <= 15 ? (byte)(0x80 | count) : throw new InvalidOperationException("A fixmap holds at most 15 entries.");

    public void WriteMapHeader(int count)
    {
        if (count <= 15)
        {
            _span[_position++] = (byte)(0x80 | count);
        }
        else if (count <= ushort.MaxValue)
        {
            _span[_position] = 0xDE;
            BinaryPrimitives.WriteUInt16BigEndian(_span[(_position + 1)..], (ushort)count);
            _position += 3;
        }
        else
        {
            _span[_position] = 0xDF;
            BinaryPrimitives.WriteUInt32BigEndian(_span[(_position + 1)..], (uint)count);
            _position += 5;
        }
    }

    /// <summary>An array header of at most 15 elements (one byte, fixarray).</summary>
    public void WriteFixArrayHeader(int count) => _span[_position++] = count <= 15 ? (byte)(0x90 | count) : throw new InvalidOperationException("A fixarray holds at most 15 elements.");

    /// <summary>A map key or other integer known to be in 0..127 (one byte, positive fixint).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteFixInt(int value) => _span[_position++] = (byte)value;

    public void WriteInt64(long value)
    {
        if (value >= 0)
        {
            switch (value)
            {
                case <= 127:
                    _span[_position++] = (byte)value;
                    return;
                case <= byte.MaxValue:
                    _span[_position] = 0xCC;
                    _span[_position + 1] = (byte)value;
                    _position += 2;
                    return;
                case <= ushort.MaxValue:
                    _span[_position] = 0xCD;
                    BinaryPrimitives.WriteUInt16BigEndian(_span[(_position + 1)..], (ushort)value);
                    _position += 3;
                    return;
                case <= uint.MaxValue:
                    _span[_position] = 0xCE;
                    BinaryPrimitives.WriteUInt32BigEndian(_span[(_position + 1)..], (uint)value);
                    _position += 5;
                    return;
                default:
                    _span[_position] = 0xCF;
                    BinaryPrimitives.WriteUInt64BigEndian(_span[(_position + 1)..], (ulong)value);
                    _position += 9;
                    return;
            }
        }

        switch (value)
        {
            case >= -32:
                _span[_position++] = (byte)(sbyte)value; // negative fixint
                return;
            case >= sbyte.MinValue:
                _span[_position] = 0xD0;
                _span[_position + 1] = (byte)(sbyte)value;
                _position += 2;
                return;
            case >= short.MinValue:
                _span[_position] = 0xD1;
                BinaryPrimitives.WriteInt16BigEndian(_span[(_position + 1)..], (short)value);
                _position += 3;
                return;
            case >= int.MinValue:
                _span[_position] = 0xD2;
                BinaryPrimitives.WriteInt32BigEndian(_span[(_position + 1)..], (int)value);
                _position += 5;
                return;
            default:
                _span[_position] = 0xD3;
                BinaryPrimitives.WriteInt64BigEndian(_span[(_position + 1)..], value);
                _position += 9;
                return;
        }
    }

    /// <summary>A string, or nil for null.</summary>
    public void WriteString(string? text)
    {
        if (text is null)
        {
            _span[_position++] = 0xC0;
            return;
        }

        // Names and ids are short ASCII: count in place of a second UTF-8 pass when the text fits a fixstr/str8.
        if (text.Length <= byte.MaxValue && Ascii.IsValid(text))
        {
            WriteStringHeader(text.Length);
            Ascii.FromUtf16(text, _span[_position..], out _);
            _position += text.Length;
            return;
        }

        var length = Encoding.UTF8.GetByteCount(text);
        WriteStringHeader(length);
        _position += Encoding.UTF8.GetBytes(text, _span[_position..]);
    }

    /// <summary>Bytes already encoded as a MessagePack value (a name written by an earlier envelope).</summary>
    public void WriteRaw(ReadOnlySpan<byte> encoded)
    {
        encoded.CopyTo(_span[_position..]);
        _position += encoded.Length;
    }

    public void WriteBinary(scoped ReadOnlySpan<byte> bytes)
    {
        WriteLengthHeader(bytes.Length, 0xC4, 0xC5, 0xC6);
        bytes.CopyTo(_span[_position..]);
        _position += bytes.Length;
    }

    private void WriteStringHeader(int length)
    {
        if (length <= 31)
        {
            _span[_position++] = (byte)(0xA0 | length);
            return;
        }

        WriteLengthHeader(length, 0xD9, 0xDA, 0xDB);
    }

    private void WriteLengthHeader(int length, byte code8, byte code16, byte code32)
    {
        if (length <= byte.MaxValue)
        {
            _span[_position] = code8;
            _span[_position + 1] = (byte)length;
            _position += 2;
        }
        else if (length <= ushort.MaxValue)
        {
            _span[_position] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(_span[(_position + 1)..], (ushort)length);
            _position += 3;
        }
        else
        {
            _span[_position] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(_span[(_position + 1)..], (uint)length);
            _position += 5;
        }
    }
}
