// Compiled in memory by RoundTripTests with the generator: every supported argument type, edge values included.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JobGen;
using MessagePack;
using Microsoft.Extensions.DependencyInjection;

namespace RoundTrip;

/// <summary>What the jobs received: [job name, arguments...] per run.</summary>
public static class Sink
{
    public static readonly List<object?[]> Received = new();

    public static void Add(string job, object?[] args)
    {
        lock (Received)
        {
            Received.Add(new object?[] { job }.Concat(args).ToArray());
        }
    }
}

public enum Small : byte { A, B = 255 }

public enum Big : long { Min = long.MinValue, Max = long.MaxValue }

[Flags]
public enum Bits : ulong { None = 0, Low = 1, Top = 1UL << 63 }

[MessagePackObject]
public sealed class Node
{
    [Key(0)] public int Value { get; set; }
    [Key(1)] public Node? Next { get; set; }
    // Key 2 is a gap: written as nil.
    [Key(3)] public List<Node>? Children { get; set; }
    [IgnoreMember] public string Ignored { get; set; } = "not serialized";
}

[MessagePackObject]
public sealed record Person([property: Key(0)] string Name, [property: Key(1)] DateTimeOffset Born, [property: Key(2)] Address? Home);

[MessagePackObject]
public record struct Address([property: Key(0)] string Street, [property: Key(1)] string? Zip);

[MessagePackObject]
public sealed class WithInit
{
    [Key(0)] public required string Id { get; init; }
    [Key(1)] public IReadOnlyDictionary<string, int[]>? Scores { get; init; }
}

[MessagePackObject]
public readonly struct Point
{
    public Point(double x, double y) { X = x; Y = y; }
    [Key(0)] public double X { get; }
    [Key(1)] public double Y { get; }
}

[MessagePackObject]
public sealed record Receipt([property: Key(0)] DateOnly Day, [property: Key(1)] ImmutableArray<string> Lines, [property: Key(2)] Uri? Link);

[MessagePackObject]
public sealed class Report(DateOnly day, Version version)
{
    [Key(0)] public DateOnly Day { get; } = day;
    [Key(1)] public Version Version { get; } = version;
}

public static class ValueJobs
{
    [BackgroundJob]
    public static void Newer(DateOnly a, TimeOnly b, Int128 c, UInt128 d, Half e, Uri? f, Version? g, ImmutableArray<int> h, DateOnly? i) =>
        Sink.Add("Newer", new object?[] { a, b, c, d, e, f, g, h, i });

    [BackgroundJob]
    public static void NewerObjects(Receipt receipt, Report report, ImmutableArray<Receipt> receipts) =>
        Sink.Add("NewerObjects", new object?[] { receipt, report, receipts });

    [BackgroundJob]
    public static void Primitives(bool a, byte b, sbyte c, short d, ushort e, int f, uint g, long h, ulong i, float j, double k, char l) =>
        Sink.Add("Primitives", new object?[] { a, b, c, d, e, f, g, h, i, j, k, l });

    [BackgroundJob]
    public static void Texts(string? s, string t, decimal m, Guid g, byte[]? bytes) =>
        Sink.Add("Texts", new object?[] { s, t, m, g, bytes });

    [BackgroundJob]
    public static void Times(DateTime a, DateTimeOffset b, TimeSpan c, DateTime? d) =>
        Sink.Add("Times", new object?[] { a, b, c, d });

    [BackgroundJob]
    public static void Enums(Small a, Big b, Bits c, Small? d) =>
        Sink.Add("Enums", new object?[] { a, b, c, d });

    [BackgroundJob]
    public static void Nullables(int? a, Guid? b, double? c, Address? d, Point? e) =>
        Sink.Add("Nullables", new object?[] { a, b, c, d, e });

    [BackgroundJob]
    public static void Collections(int[]? a, List<string?>? b, IReadOnlyList<long> c, Dictionary<string, int>? d, IReadOnlyDictionary<string, List<Guid>> e, int[][] f) =>
        Sink.Add("Collections", new object?[] { a, b, c, d, e, f });

    [BackgroundJob("roundtrip.objects", Queue = "objects")]
    public static Task Objects(Node? node, Person person, WithInit init, List<Person?> people, Dictionary<string, Node> byName, Point point)
    {
        Sink.Add("Objects", new object?[] { node, person, init, people, byName, point });
        return Task.CompletedTask;
    }

    [BackgroundJob]
    public static ValueTask Defaults(int a, string b = "fallback", int c = 7, Small d = Small.B)
    {
        Sink.Add("Defaults", new object?[] { a, b, c, d });
        return default;
    }
}

/// <summary>For the allocation test: numbers in, a sum out, nothing allocated by the job itself.</summary>
public static class CounterJobs
{
    public static long Total;

    [BackgroundJob]
    public static void Add(int a, long b, CancellationToken ct) => Interlocked.Add(ref Total, a + b);
}

/// <summary>Created per run from DI, disposed after it.</summary>
public sealed class InstanceJobs : IDisposable
{
    private readonly Counter _counter;

    public InstanceJobs(Counter counter, string? optionalName = null)
    {
        _counter = counter;
        counter.Created++;
        counter.LastName = optionalName;
    }

    [BackgroundJob(Queue = "instances")]
    public async Task Run(string text, CancellationToken ct, JobContext context)
    {
        await Task.Yield();
        Sink.Add("Run", new object?[] { text, ct.CanBeCanceled, context.Job });
    }

    public void Dispose() => _counter.Disposed++;
}

public sealed class Counter
{
    public int Created;
    public int Disposed;
    public string? LastName;
}

public static class Cases
{
    public static void AddServices(IServiceCollection services, Counter counter)
    {
        services.AddSingleton(counter);
        services.AddRoundTripJobs();
        services.AddRoundTripJobs(); // idempotent
    }

    /// <summary>Enqueues every case through the generated API and returns [job, arguments...] as expected at the job.</summary>
    public static async Task<List<object?[]>> EnqueueAllAsync(IJobClient jobs)
    {
        var expected = new List<object?[]>();
        void Expect(string job, params object?[] args) => expected.Add(new object?[] { job }.Concat(args).ToArray());

        await jobs.EnqueuePrimitivesAsync(true, byte.MaxValue, sbyte.MinValue, short.MinValue, ushort.MaxValue, int.MinValue, uint.MaxValue, long.MinValue, ulong.MaxValue, float.NaN, double.MaxValue, '\uffff');
        Expect("Primitives", true, byte.MaxValue, sbyte.MinValue, short.MinValue, ushort.MaxValue, int.MinValue, uint.MaxValue, long.MinValue, ulong.MaxValue, float.NaN, double.MaxValue, '\uffff');
        await jobs.EnqueuePrimitivesAsync(false, 0, sbyte.MaxValue, short.MaxValue, 0, int.MaxValue, 0, long.MaxValue, 0, float.NegativeInfinity, -0.0, '\0');
        Expect("Primitives", false, (byte)0, sbyte.MaxValue, short.MaxValue, (ushort)0, int.MaxValue, 0u, long.MaxValue, 0ul, float.NegativeInfinity, -0.0, '\0');
        await jobs.EnqueuePrimitivesAsync(true, 1, -1, -1, 1, -1, 1, -1, 1, float.Epsilon, double.Epsilon, 'é');
        Expect("Primitives", true, (byte)1, (sbyte)-1, (short)-1, (ushort)1, -1, 1u, -1L, 1ul, float.Epsilon, double.Epsilon, 'é');

        var big = new string('ж', 100_000);
        await jobs.EnqueueTextsAsync(null, "", decimal.MaxValue, Guid.Empty, null);
        Expect("Texts", null, "", decimal.MaxValue, Guid.Empty, null);
        await jobs.EnqueueTextsAsync("héllo wörld ✓ 日本語 🎉", big, decimal.MinValue, new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), Array.Empty<byte>());
        Expect("Texts", "héllo wörld ✓ 日本語 🎉", big, decimal.MinValue, new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), Array.Empty<byte>());
        var blob = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();
        await jobs.EnqueueTextsAsync("x", "y", 1.000m, Guid.Parse("ffffffff-ffff-ffff-ffff-fffffffffffe"), blob);
        Expect("Texts", "x", "y", 1.000m, Guid.Parse("ffffffff-ffff-ffff-ffff-fffffffffffe"), blob);
        await jobs.EnqueueTextsAsync("-", "+", -0.0000000000000000000000000001m, Guid.NewGuid() is var g ? g : default, new byte[] { 0 });
        Expect("Texts", "-", "+", -0.0000000000000000000000000001m, g, new byte[] { 0 });

        await jobs.EnqueueTimesAsync(DateTime.MinValue, DateTimeOffset.MinValue, TimeSpan.MinValue, null);
        Expect("Times", DateTime.MinValue, DateTimeOffset.MinValue, TimeSpan.MinValue, null);
        var utcMax = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);
        await jobs.EnqueueTimesAsync(utcMax, DateTimeOffset.MaxValue, TimeSpan.MaxValue, new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Local).AddTicks(1));
        Expect("Times", utcMax, DateTimeOffset.MaxValue, TimeSpan.MaxValue, new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Local).AddTicks(1));
        var east = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.FromHours(14));
        var west = new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.FromMinutes(-(12 * 60 + 30)));
        await jobs.EnqueueTimesAsync(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), east, TimeSpan.Zero, DateTime.UnixEpoch);
        Expect("Times", new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), east, TimeSpan.Zero, DateTime.UnixEpoch);
        await jobs.EnqueueTimesAsync(default, west, TimeSpan.FromTicks(-1), null);
        Expect("Times", default(DateTime), west, TimeSpan.FromTicks(-1), null);

        await jobs.EnqueueEnumsAsync(Small.B, Big.Min, Bits.Top | Bits.Low, null);
        Expect("Enums", Small.B, Big.Min, Bits.Top | Bits.Low, null);
        await jobs.EnqueueEnumsAsync((Small)7, Big.Max, (Bits)12345, Small.A);
        Expect("Enums", (Small)7, Big.Max, (Bits)12345, (Small?)Small.A);

        await jobs.EnqueueNullablesAsync(null, null, null, null, null);
        Expect("Nullables", null, null, null, null, null);
        await jobs.EnqueueNullablesAsync(int.MinValue, Guid.Empty, double.NaN, new Address("Straße 1", null), new Point(double.MinValue, double.PositiveInfinity));
        Expect("Nullables", int.MinValue, Guid.Empty, double.NaN, new Address("Straße 1", null), new Point(double.MinValue, double.PositiveInfinity));

        await jobs.EnqueueCollectionsAsync(null, null, Array.Empty<long>(), null, new Dictionary<string, List<Guid>>(), Array.Empty<int[]>());
        Expect("Collections", null, null, Array.Empty<long>(), null, new Dictionary<string, List<Guid>>(), Array.Empty<int[]>());
        var many = Enumerable.Range(-5_000, 10_000).ToArray();
        var strings = new List<string?> { null, "", "ü", new string('a', 1000) };
        var longs = Enumerable.Range(0, 20_000).Select(i => (long)i * i * i).ToList();
        var dict = Enumerable.Range(0, 1_000).ToDictionary(i => "key-" + i + "-ключ", i => i);
        dict[""] = -1;
        var nested = new Dictionary<string, List<Guid>> { ["empty"] = new(), ["two"] = new() { Guid.Empty, new Guid("0f8fad5b-d9cb-469f-a165-70867728950e") } };
        var jagged = new[] { Array.Empty<int>(), new[] { 1 }, many };
        await jobs.EnqueueCollectionsAsync(many, strings, longs, dict, nested, jagged);
        Expect("Collections", many, strings, longs, dict, nested, jagged);

        var leaf = new Node { Value = -1 };
        var tree = new Node { Value = 1, Next = new Node { Value = 2, Next = leaf }, Children = new List<Node> { leaf, new Node { Value = 3, Children = new() } } };
        var person = new Person("Zoë", new DateTimeOffset(1990, 5, 6, 7, 8, 9, TimeSpan.FromHours(-3)), new Address("Main", "12345"));
        var init = new WithInit { Id = "i-1", Scores = new Dictionary<string, int[]> { ["a"] = new[] { 1, 2 }, ["b"] = Array.Empty<int>() } };
        var people = new List<Person?> { person, null, new Person("", default, null) };
        var byName = new Dictionary<string, Node> { ["tree"] = tree, ["leaf"] = leaf };
        await jobs.EnqueueObjectsAsync(tree, person, init, people, byName, new Point(1.5, -2.5));
        Expect("Objects", tree, person, init, people, byName, new Point(1.5, -2.5));
        await jobs.EnqueueObjectsAsync(null, person, new WithInit { Id = "" }, new List<Person?>(), new Dictionary<string, Node>(), default);
        Expect("Objects", null, person, new WithInit { Id = "" }, new List<Person?>(), new Dictionary<string, Node>(), default(Point));

        await jobs.EnqueueNewerAsync(DateOnly.MinValue, TimeOnly.MinValue, Int128.MinValue, UInt128.MaxValue, Half.NaN, new Uri("https://example.com/a?b=c#d"), new Version(1, 2, 3, 4), ImmutableArray.Create(1, 2, 3), null);
        Expect("Newer", DateOnly.MinValue, TimeOnly.MinValue, Int128.MinValue, UInt128.MaxValue, Half.NaN, new Uri("https://example.com/a?b=c#d"), new Version(1, 2, 3, 4), ImmutableArray.Create(1, 2, 3), null);
        await jobs.EnqueueNewerAsync(DateOnly.MaxValue, TimeOnly.MaxValue, Int128.MaxValue, UInt128.Zero, Half.NegativeInfinity, new Uri("relative/päth?q=1", UriKind.Relative), new Version(0, 0), ImmutableArray<int>.Empty, new DateOnly(2024, 2, 29));
        Expect("Newer", DateOnly.MaxValue, TimeOnly.MaxValue, Int128.MaxValue, UInt128.Zero, Half.NegativeInfinity, new Uri("relative/päth?q=1", UriKind.Relative), new Version(0, 0), ImmutableArray<int>.Empty, (DateOnly?)new DateOnly(2024, 2, 29));
        await jobs.EnqueueNewerAsync(new DateOnly(1970, 1, 1), new TimeOnly(23, 59, 59, 999).Add(TimeSpan.FromTicks(9999)), -1, 1, Half.Epsilon, null, null, ImmutableArray.Create(int.MinValue), DateOnly.MinValue);
        Expect("Newer", new DateOnly(1970, 1, 1), new TimeOnly(23, 59, 59, 999).Add(TimeSpan.FromTicks(9999)), (Int128)(-1), (UInt128)1, Half.Epsilon, null, null, ImmutableArray.Create(int.MinValue), (DateOnly?)DateOnly.MinValue);

        var receipt = new Receipt(new DateOnly(2026, 12, 2), ImmutableArray.Create("tea", "", "ключ"), new Uri("file:///tmp/r.pdf"));
        var report = new Report(new DateOnly(2026, 1, 31), new Version(10, 0, 1));
        await jobs.EnqueueNewerObjectsAsync(receipt, report, ImmutableArray.Create(receipt, new Receipt(default, ImmutableArray<string>.Empty, null)));
        Expect("NewerObjects", receipt, report, ImmutableArray.Create(receipt, new Receipt(default, ImmutableArray<string>.Empty, null)));

        // Defaults apply only to old payloads (fewer elements), never to explicit arguments.
        await jobs.EnqueueDefaultsAsync(1);
        Expect("Defaults", 1, "fallback", 7, Small.B);
        await jobs.EnqueueDefaultsAsync(2, "given", 0, Small.A);
        Expect("Defaults", 2, "given", 0, Small.A);

        // Scheduling and bulk go through the same formatters.
        await jobs.ScheduleDefaultsAsync(3, "later", 1, Small.A, TimeSpan.FromHours(1));
        Expect("Defaults", 3, "later", 1, Small.A);
        await jobs.ScheduleDefaultsAsync(4, "at", 2, Small.B, DateTimeOffset.UtcNow.AddMinutes(30));
        Expect("Defaults", 4, "at", 2, Small.B);
        await jobs.EnqueueManyAsync(new[] { RoundTripJobs.CreateDefaultsRequest(5), RoundTripJobs.CreateRunRequest("bulk") });
        Expect("Defaults", 5, "fallback", 7, Small.B);
        Expect("Run", "bulk", true, "RoundTrip.InstanceJobs.Run");

        await jobs.EnqueueRunAsync("instance ✓", new EnqueueOptions { Queue = "instances" });
        Expect("Run", "instance ✓", true, "RoundTrip.InstanceJobs.Run");
        return expected;
    }
}
