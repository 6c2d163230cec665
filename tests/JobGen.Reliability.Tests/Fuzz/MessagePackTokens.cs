using MessagePack;

namespace JobGen.Reliability.Tests.Fuzz;

/// <summary>Where a length-carrying header (str, bin, array, map) sits in a valid message.</summary>
internal readonly record struct HeaderToken(int Offset, int HeaderLength, MessagePackType Type);

/// <summary>
/// Walks a valid MessagePack message and lists its length-carrying headers, so the mutator can forge
/// exactly the prefixes a decoder trusts (the classic "claims 2 GB, holds 3 bytes" attack).
/// </summary>
internal static class MessagePackTokens
{
    public static IReadOnlyList<HeaderToken> Headers(ReadOnlyMemory<byte> message)
    {
        var found = new List<HeaderToken>();
        var reader = new MessagePackReader(message);
        while (!reader.End)
        {
            Walk(ref reader, message.Span, found);
        }

        return found;
    }

    private static void Walk(ref MessagePackReader reader, ReadOnlySpan<byte> bytes, List<HeaderToken> found)
    {
        var offset = (int)reader.Consumed;
        var code = bytes[offset];
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Array:
                var items = reader.ReadArrayHeader();
                found.Add(new HeaderToken(offset, (int)reader.Consumed - offset, MessagePackType.Array));
                for (var i = 0; i < items; i++)
                {
                    Walk(ref reader, bytes, found);
                }

                break;
            case MessagePackType.Map:
                var pairs = reader.ReadMapHeader();
                found.Add(new HeaderToken(offset, (int)reader.Consumed - offset, MessagePackType.Map));
                for (var i = 0; i < pairs * 2; i++)
                {
                    Walk(ref reader, bytes, found);
                }

                break;
            case MessagePackType.String:
                found.Add(new HeaderToken(offset, StringHeaderLength(code), MessagePackType.String));
                reader.Skip();
                break;
            case MessagePackType.Binary:
                found.Add(new HeaderToken(offset, code switch { 0xC4 => 2, 0xC5 => 3, _ => 5 }, MessagePackType.Binary));
                reader.Skip();
                break;
            default:
                reader.Skip();
                break;
        }
    }

    private static int StringHeaderLength(byte code) => code switch
    {
        0xD9 => 2,
        0xDA => 3,
        0xDB => 5,
        _ => 1, // fixstr
    };
}
