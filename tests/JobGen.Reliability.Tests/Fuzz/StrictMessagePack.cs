using System.Buffers.Binary;

namespace JobGen.Reliability.Tests.Fuzz;

/// <summary>
/// An independent, byte-level MessagePack validator (from the spec, not the library): true only when the
/// input is exactly one well-formed value whose every length prefix fits the bytes that follow. The fuzz
/// oracle: a decoder may accept an input only if this says it is well-formed.
/// </summary>
internal static class StrictMessagePack
{
    public static bool IsSingleValue(ReadOnlySpan<byte> bytes)
    {
        long pending = 1;
        var at = 0;
        while (pending > 0)
        {
            pending--;
            if (at >= bytes.Length)
            {
                return false;
            }

            var code = bytes[at++];
            long skip = 0, items = 0;
            switch (code)
            {
                case <= 0x7F or >= 0xE0 or 0xC0 or 0xC2 or 0xC3: break; // fixints, nil, bools
                case >= 0x80 and <= 0x8F: items = 2L * (code & 0x0F); break;
                case >= 0x90 and <= 0x9F: items = code & 0x0F; break;
                case >= 0xA0 and <= 0xBF: skip = code & 0x1F; break;
                case 0xC4 or 0xD9: skip = Length(bytes, ref at, 1); break;
                case 0xC5 or 0xDA: skip = Length(bytes, ref at, 2); break;
                case 0xC6 or 0xDB: skip = Length(bytes, ref at, 4); break;
                case 0xC7: skip = Length(bytes, ref at, 1) + 1; break;
                case 0xC8: skip = Length(bytes, ref at, 2) + 1; break;
                case 0xC9: skip = Length(bytes, ref at, 4) + 1; break;
                case 0xCA or 0xCE or 0xD2: skip = 4; break;
                case 0xCB or 0xCF or 0xD3: skip = 8; break;
                case 0xCC or 0xD0: skip = 1; break;
                case 0xCD or 0xD1: skip = 2; break;
                case >= 0xD4 and <= 0xD8: skip = 1 + (1 << (code - 0xD4)); break; // fixext: type + 1..16 bytes
                case 0xDC: items = Length(bytes, ref at, 2); break;
                case 0xDD: items = Length(bytes, ref at, 4); break;
                case 0xDE: items = 2 * Length(bytes, ref at, 2); break;
                case 0xDF: items = 2 * Length(bytes, ref at, 4); break;
                default: return false; // 0xC1 is never used
            }

            if (skip < 0 || items < 0 || at + skip > bytes.Length || items > bytes.Length - at - skip)
            {
                return false; // each item takes at least one byte, so more items than bytes is a lie
            }

            at += (int)skip;
            pending += items;
        }

        return at == bytes.Length;
    }

    private static long Length(ReadOnlySpan<byte> bytes, ref int at, int size)
    {
        if (at + size > bytes.Length)
        {
            return -1;
        }

        var slice = bytes.Slice(at, size);
        at += size;
        return size switch
        {
            1 => slice[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(slice),
            _ => BinaryPrimitives.ReadUInt32BigEndian(slice),
        };
    }
}
