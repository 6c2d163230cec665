using MessagePack;

namespace JobGen.Benchmarks.Micro;

/// <summary>One order line: the "record" argument shape, and the element of the "list of 100 records" shape.</summary>
[MessagePackObject]
public sealed record OrderLine
{
    [Key(0)] public int Id { get; init; }
    [Key(1)] public string Sku { get; init; } = "";
    [Key(2)] public int Quantity { get; init; }
    [Key(3)] public long PriceCents { get; init; }
    [Key(4)] public DateTime CreatedAt { get; init; }
}

/// <summary>The argument values every micro-benchmark uses, identical on the JobGen and the baseline side.</summary>
public static class ArgumentShapes
{
    public const int UserId = 42;
    public const string Locale = "en-GB";
    public const long AmountCents = 1_999_99;
    public const bool Urgent = true;

    public static OrderLine Line(int i) => new()
    {
        Id = i,
        Sku = "SKU-" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
        Quantity = 1 + (i % 7),
        PriceCents = 1_000 + (i * 37),
        CreatedAt = new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc).AddSeconds(i),
    };

    public static List<OrderLine> Lines(int count) => Enumerable.Range(0, count).Select(Line).ToList();
}
