using MessagePack;

namespace JobGen.Reliability.Tests.Fuzz;

/// <summary>
/// Jobs whose only purpose is to make the generator emit a reader for every supported argument encoding
/// (primitives, strings, enums, Guid, times, byte[], nullables, arrays, lists, dictionaries and a recursive
/// [MessagePackObject] type). <see cref="GeneratedFormatterFuzzTests"/> feeds their decoders mutated bytes.
/// </summary>
public static class FuzzTargetJobs
{
    [BackgroundJob("fuzz.primitives")]
    public static void Primitives(bool b, byte u8, sbyte i8, short i16, ushort u16, int i32, uint u32, long i64, ulong u64, float f32, double f64, char c, decimal m)
    {
    }

    [BackgroundJob("fuzz.text-and-times")]
    public static void TextAndTimes(string text, string? maybe, FuzzColor color, Guid id, DateTime at, DateTimeOffset atOffset, TimeSpan span, byte[] blob)
    {
    }

    [BackgroundJob("fuzz.collections")]
    public static void Collections(int[] numbers, List<string> names, IReadOnlyList<long?> maybeNumbers, Dictionary<string, int> counts, IReadOnlyDictionary<string, string?> labels, int? optional)
    {
    }

    [BackgroundJob("fuzz.newer")]
    public static void Newer(DateOnly day, TimeOnly at, Int128 big, UInt128 ubig, Half ratio, Uri? link, Version? version, System.Collections.Immutable.ImmutableArray<int> ids, DateOnly? until)
    {
    }

    [BackgroundJob("fuzz.objects")]
    public static Task Objects(FuzzTree tree, FuzzTree[] forest, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>An enum argument.</summary>
public enum FuzzColor
{
    Red,
    Green,
    Blue,
}

/// <summary>A recursive user type: the shape a nesting bomb targets.</summary>
[MessagePackObject]
public sealed class FuzzTree
{
    [Key(0)]
    public string Name { get; set; } = "";

    [Key(1)]
    public List<FuzzTree>? Children { get; set; }

    [Key(2)]
    public FuzzTree? Next { get; set; }
}
