using System.Buffers.Binary;
using MessagePack;

namespace JobGen.Reliability.Tests.Fuzz;

/// <summary>
/// Turns valid messages into hostile ones: random bytes, bit flips, truncations, byte edits, splices,
/// forged 32-bit length prefixes on str/bin/array/map headers, and nesting bombs. Deterministic for a seed.
/// </summary>
internal sealed class PayloadMutator
{
    // Claimed sizes a forged header may carry: huge, sign-bit, just past the end, and plausible ones.
    private static readonly uint[] ForgedSizes = [uint.MaxValue, int.MaxValue, 0x80000000, 2_000_000_000, 1_000_000, 65_536, 0];

    private readonly Random _random;
    private readonly byte[][] _corpus;
    private readonly IReadOnlyList<HeaderToken>[] _headers;

    public PayloadMutator(Random random, IReadOnlyList<byte[]> corpus)
    {
        _random = random;
        _corpus = [.. corpus];
        _headers = [.. _corpus.Select(c => MessagePackTokens.Headers(c))];
    }

    /// <summary>The kind of mutation a given input got; reported per kind so coverage is visible.</summary>
    public static readonly string[] Kinds =
        ["random", "bitflip", "truncate", "edit", "splice", "forged-length", "depth-bomb", "valid"];

    public byte[] Next(out string kind)
    {
        var pick = _random.Next(_corpus.Length);
        var seed = _corpus[pick];
        var which = _random.Next(Kinds.Length);
        kind = Kinds[which];
        return which switch
        {
            0 => RandomBytes(),
            1 => FlipBits(seed),
            2 => seed[.._random.Next(seed.Length)],
            3 => Edit(seed),
            4 => Splice(seed, _corpus[_random.Next(_corpus.Length)]),
            5 => ForgeLength(seed, _headers[pick]),
            6 => DepthBomb(seed, _headers[pick]),
            _ => seed,
        };
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[_random.Next(0, 300)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private byte[] FlipBits(byte[] seed)
    {
        var copy = (byte[])seed.Clone();
        for (int i = 0, n = _random.Next(1, 9); i < n && copy.Length > 0; i++)
        {
            copy[_random.Next(copy.Length)] ^= (byte)(1 << _random.Next(8));
        }

        return copy;
    }

    private byte[] Edit(byte[] seed)
    {
        var list = new List<byte>(seed);
        for (int i = 0, n = _random.Next(1, 5); i < n; i++)
        {
            var at = _random.Next(list.Count + 1);
            switch (_random.Next(3))
            {
                case 0: list.Insert(at, (byte)_random.Next(256)); break;
                case 1 when at < list.Count: list.RemoveAt(at); break;
                default: if (at < list.Count) { list[at] = (byte)_random.Next(256); } break;
            }
        }

        return [.. list];
    }

    private byte[] Splice(byte[] a, byte[] b)
    {
        var cutA = _random.Next(a.Length + 1);
        var cutB = _random.Next(b.Length + 1);
        return [.. a.AsSpan(0, cutA), .. b.AsSpan(cutB)];
    }

    // Rewrites one header as its 32-bit form claiming a size the message does not hold.
    private byte[] ForgeLength(byte[] seed, IReadOnlyList<HeaderToken> headers)
    {
        if (headers.Count == 0)
        {
            return FlipBits(seed);
        }

        var token = headers[_random.Next(headers.Count)];
        var remaining = (uint)(seed.Length - token.Offset);
        var size = _random.Next(4) == 0 ? remaining + (uint)_random.Next(1, 64) : ForgedSizes[_random.Next(ForgedSizes.Length)];
        Span<byte> header = stackalloc byte[5];
        header[0] = token.Type switch
        {
            MessagePackType.String => (byte)0xDB,
            MessagePackType.Binary => (byte)0xC6,
            MessagePackType.Array => (byte)0xDD,
            _ => (byte)0xDF,
        };
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], size);
        return [.. seed.AsSpan(0, token.Offset), .. header, .. seed.AsSpan(token.Offset + token.HeaderLength)];
    }

    // Replaces one value with thousands of nested one-element arrays or maps, closed or cut short.
    private byte[] DepthBomb(byte[] seed, IReadOnlyList<HeaderToken> headers)
    {
        var depth = _random.Next(4) == 0 ? 100_000 : _random.Next(100, 20_000);
        var map = _random.Next(2) == 0;
        var bomb = new byte[map ? depth * 2 : depth];
        for (var i = 0; i < depth; i++)
        {
            if (map)
            {
                bomb[i * 2] = 0x81;   // map of one pair...
                bomb[(i * 2) + 1] = 0x00; // ...whose key is 0 and whose value is the next level
            }
            else
            {
                bomb[i] = 0x91; // array of one element: the next level
            }
        }

        var closed = _random.Next(2) == 0;
        var at = headers.Count == 0 ? _random.Next(seed.Length + 1) : headers[_random.Next(headers.Count)].Offset;
        return closed ? [.. seed.AsSpan(0, at), .. bomb, 0xC0, .. seed.AsSpan(at)] : [.. seed.AsSpan(0, at), .. bomb];
    }
}
