using System.Text;

namespace JobGen;

/// <summary>
/// Strings a worker decodes over and over (its job ids and queue names), matched by their UTF-8 bytes so a decoded
/// envelope shares the one instance instead of allocating a copy per job. Entries are grouped by byte length, so a
/// lookup is usually one vectorised compare. Built once at start; read-only afterwards, so lookups need no lock.
/// </summary>
internal sealed class KnownStrings
{
    private const int MaxLength = 512; // longer names are decoded, not shared
    private readonly Entry[]?[] _byLength;

    public KnownStrings(IEnumerable<string> values)
    {
        var entries = values.Distinct(StringComparer.Ordinal)
            .Select(v => new Entry(Encoding.UTF8.GetBytes(v), v))
            .Where(e => e.Utf8.Length <= MaxLength)
            .ToList();
        _byLength = new Entry[]?[entries.Count == 0 ? 0 : entries.Max(e => e.Utf8.Length) + 1];
        foreach (var group in entries.GroupBy(e => e.Utf8.Length))
        {
            _byLength[group.Key] = [.. group];
        }
    }

    /// <summary>The known string with exactly these UTF-8 bytes, or a new one.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < _byLength.Length && _byLength[utf8.Length] is { } entries)
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

    private readonly record struct Entry(byte[] Utf8, string Value);
}
