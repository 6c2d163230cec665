using JobGen.Benchmarks.Micro;

namespace JobGen.Benchmarks.Jobs;

/// <summary>
/// The micro-benchmarks' jobs, one per argument shape. Each touches its arguments so the call is not dead code,
/// and keeps nothing: what the dispatch path allocates is the decoder's own.
/// </summary>
public static class ShapeJobs
{
    public static long Sink;

    [BackgroundJob("bench.shape.none")]
    public static void NoArgs() => Sink++;

    [BackgroundJob("bench.shape.primitives")]
    public static void Primitives(int userId, string locale, long amountCents, bool urgent) =>
        Sink += userId + locale.Length + amountCents + (urgent ? 1 : 0);

    [BackgroundJob("bench.shape.record")]
    public static void Record(OrderLine line) => Sink += line.Id;

    [BackgroundJob("bench.shape.list")]
    public static void List(List<OrderLine> lines) => Sink += lines.Count;
}
