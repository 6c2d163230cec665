using System.Globalization;

namespace SampleWorker;

/// <summary>
/// A queue and its weight: a queue of weight 3 is tried first three times as often as one of weight 1. When no queue
/// of the list has a weight they are tried in the order given (strict priority), as in Sidekiq.
/// </summary>
public readonly record struct QueueWeight(string Name, int? Weight)
{
    /// <summary>Parses <c>critical:3,default:1,reports</c> (a queue without a weight counts 1 when others have one).</summary>
    public static IReadOnlyList<QueueWeight> ParseList(string text)
    {
        var result = new List<QueueWeight>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? item : item[..colon].Trim();
            var weight = 0;
            if (name.Length == 0
                || (colon >= 0 && (!int.TryParse(item.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out weight) || weight < 1 || weight > 100)))
            {
                throw new FormatException($"--queues takes NAME[:WEIGHT] items separated by commas, weights 1 to 100 (e.g. critical:3,default:1), not '{item}'.");
            }

            if (result.Exists(q => q.Name == name))
            {
                throw new FormatException($"--queues names '{name}' twice.");
            }

            result.Add(new QueueWeight(name, colon < 0 ? null : weight));
        }

        if (result.Count == 0)
        {
            throw new FormatException("--queues must name at least one queue.");
        }

        return result;
    }

    /// <summary>JobGen's own form of a queue entry: <c>name,weight</c> (Sidekiq's).</summary>
    public string ToJobGenEntry() => Weight is { } w ? Name + "," + w.ToString(CultureInfo.InvariantCulture) : Name;

    /// <inheritdoc />
    public override string ToString() => Weight is { } w ? Name + ":" + w.ToString(CultureInfo.InvariantCulture) : Name;
}
