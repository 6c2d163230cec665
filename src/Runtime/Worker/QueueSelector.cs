namespace JobGen.Worker;

/// <summary>
/// Decides the order in which one fetch tries the queues, with Sidekiq's semantics: without weights a fixed
/// strict order; with weights a random order per fetch in which a queue comes first with a chance
/// proportional to its weight (so a busy low-weight queue is never starved, only served less often).
/// </summary>
internal sealed class QueueSelector
{
    private readonly string[] _names;
    private readonly int[] _weights;
    private readonly IReadOnlyList<string> _strictOrder;

    private QueueSelector(string[] names, int[] weights, bool weighted)
    {
        _names = names;
        _weights = weights;
        IsWeighted = weighted;
        _strictOrder = names;
    }

    /// <summary>True when the queues are drawn by weight, false for strict order.</summary>
    public bool IsWeighted { get; }

    /// <summary>The queue names, as configured.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Parses <c>"name"</c> / <c>"name,weight"</c> entries; throws <see cref="FormatException"/> naming the bad entry.</summary>
    public static QueueSelector Parse(IReadOnlyList<string> entries)
    {
        var names = new string[entries.Count];
        var weights = new int[entries.Count];
        var weighted = false;
        for (var i = 0; i < entries.Count; i++)
        {
            (names[i], var weight) = ParseEntry(entries[i]);
            weighted |= weight is not null;
            weights[i] = weight ?? 1;
        }

        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw new FormatException($"a queue is listed twice in [{string.Join(", ", entries)}]");
        }

        return new QueueSelector(names, weights, weighted);
    }

    /// <summary>Splits one entry; throws <see cref="FormatException"/> with a sentence saying what is wrong.</summary>
    public static (string Name, int? Weight) ParseEntry(string entry)
    {
        var parts = (entry ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > 2 || parts[0].Length == 0)
        {
            throw new FormatException($"'{entry}' is not \"name\" or \"name,weight\"");
        }

        if (parts.Length == 1)
        {
            return (parts[0], null);
        }

        if (!int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var weight) || weight < 1)
        {
            throw new FormatException($"the weight in '{entry}' must be a whole number of at least 1");
        }

        return (parts[0], weight);
    }

    /// <summary>The order for the next fetch.</summary>
    public IReadOnlyList<string> NextOrder()
    {
        if (!IsWeighted || _names.Length == 1)
        {
            return _strictOrder;
        }

        // Weighted draw without replacement: pick the next queue with probability weight / remaining weight.
        var order = new string[_names.Length];
        var taken = new bool[_names.Length];
        var remaining = 0;
        foreach (var w in _weights)
        {
            remaining += w;
        }

        for (var slot = 0; slot < order.Length; slot++)
        {
            var pick = Random.Shared.Next(remaining);
            for (var i = 0; i < _names.Length; i++)
            {
                if (taken[i])
                {
                    continue;
                }

                if (pick < _weights[i])
                {
                    order[slot] = _names[i];
                    taken[i] = true;
                    remaining -= _weights[i];
                    break;
                }

                pick -= _weights[i];
            }
        }

        return order;
    }
}
