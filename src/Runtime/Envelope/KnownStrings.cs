using System.Text;

namespace JobGen;

/// <summary>
/// Strings a worker decodes over and over (its job ids and queue names), matched by their UTF-8 bytes so a decoded
/// envelope shares the one instance instead of allocating a copy per job. Built once at start; read-only afterwards,
/// so lookups need no lock.
/// </summary>
internal sealed class KnownStrings
{
    private readonly Dictionary<int, Entry[]> _byHash = [];

    public KnownStrings(IEnumerable<string> values)
    {
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            var utf8 = Encoding.UTF8.GetBytes(value);
            var hash = Hash(utf8);
            _byHash[hash] = _byHash.TryGetValue(hash, out var entries) ? [.. entries, new Entry(utf8, value)] : [new Entry(utf8, value)];
        }
    }

    /// <summary>The known string with exactly these UTF-8 bytes, or a new one.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (_byHash.TryGetValue(Hash(utf8), out var entries))
        {
            foreach (var entry in entries)
            {
                if (utf8.SequenceEqual(entry.Utf8))
                {
                    return entry.Value;
                }
            }
        }

        return Encoding.UTF8.GetString(utf8);
    }

    // Cheap and good enough for a few dozen names: length and the bytes at both ends, where job ids differ most.
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.Add(utf8.Length);
        var head = utf8[..Math.Min(8, utf8.Length)];
        var tail = utf8[Math.Max(0, utf8.Length - 16)..];
        hash.AddBytes(head);
        hash.AddBytes(tail);
        return hash.ToHashCode();
    }

    private readonly record struct Entry(byte[] Utf8, string Value);
}
