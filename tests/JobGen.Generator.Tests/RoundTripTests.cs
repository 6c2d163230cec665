using System.Buffers;
using System.Reflection;
using JobGen.Storage.InMemory;
using MessagePack;
using Microsoft.Extensions.DependencyInjection;

namespace JobGen.Generator.Tests;

/// <summary>
/// End to end through the generated code: Sources/RoundTripJobs.cs is compiled with the generator and loaded;
/// it enqueues every supported argument type (edge values) through the generated API into the in-memory storage
/// via JobClient; the test fetches each payload, runs it through the generated dispatcher resolved from DI, and
/// checks that every job ran exactly once with exactly its arguments.
/// </summary>
public sealed class RoundTripTests
{
    private static readonly Lazy<Assembly> s_project = new(() =>
    {
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sources", "RoundTripJobs.cs"));
        var result = GeneratorHarness.Run("RoundTrip", DocumentationMode.None, source);
        var problems = GeneratorHarness.Problems(result.Compilation);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return GeneratorHarness.Load(result.Compilation);
    });

    private static Assembly Project => s_project.Value;

    private static List<object?[]> Received => (List<object?[]>)Project.GetType("RoundTrip.Sink")!.GetField("Received")!.GetValue(null)!;

    [Fact]
    public async Task EveryJobRunsOnceWithExactlyItsArguments()
    {
        var ct = TestContext.Current.CancellationToken;
        Received.Clear();
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage);
        var (provider, counter) = CreateServices();
        var dispatchers = provider.GetServices<IJobDispatcher>().ToList();
        var dispatcher = Assert.Single(dispatchers);

        var enqueue = Project.GetType("RoundTrip.Cases")!.GetMethod("EnqueueAllAsync")!;
        var expected = await (Task<List<object?[]>>)enqueue.Invoke(null, [client])!;

        var queues = dispatcher.Jobs.Select(j => j.Queue).Distinct().ToList();
        foreach (var queue in queues)
        {
            await storage.PromoteDueAsync(queue, DateTimeOffset.UtcNow.AddHours(2), 100, ct); // the two scheduled cases
        }

        using var cts = new CancellationTokenSource();
        var ran = 0;
        for (var batch = await Fetch(storage, queues); batch.Count > 0; batch = await Fetch(storage, queues))
        {
            foreach (var job in batch)
            {
                var envelope = EnvelopeSerializer.Deserialize(job.Payload);
                await dispatcher.InvokeAsync(envelope, provider, cts.Token);
                Assert.True(await storage.AckAsync(job, ct));
                ran++;
            }
        }

        Assert.Equal(expected.Count, ran);
        Assert.Equal(expected.Count, Received.Count);
        var unmatched = new List<object?[]>(Received);
        foreach (var want in expected)
        {
            var index = unmatched.FindIndex(got => DeepEquality.Difference(want, got) is null);
            if (index < 0)
            {
                var sameJob = unmatched.Where(got => Equals(got[0], want[0])).Select(got => DeepEquality.Difference(want, got));
                Assert.Fail($"No run of {want[0]} received the expected arguments. Closest differences:\n{string.Join("\n", sameJob)}");
            }

            unmatched.RemoveAt(index);
        }

        Assert.Empty(unmatched);
        Assert.Equal(2, (int)counter.GetType().GetField("Created")!.GetValue(counter)!);
        Assert.Equal(2, (int)counter.GetType().GetField("Disposed")!.GetValue(counter)!);
    }

    [Fact]
    public void DispatchingAStaticJobWithNumericArguments_AllocatesNothing()
    {
        var jobs = Project.GetType("JobGen.RoundTripJobs")!;
        var dispatcher = (IJobDispatcher)jobs.GetProperty("Dispatcher")!.GetValue(null)!;
        var request = (JobRequest)jobs.GetMethod("CreateAddRequest")!.Invoke(null, [20, 22L])!;
        var envelope = new JobEnvelope { Id = "x", Job = request.Job, Queue = request.Queue, Arguments = request.Arguments };
        var (provider, _) = CreateServices();
        var total = Project.GetType("RoundTrip.CounterJobs")!.GetField("Total")!;
        total.SetValue(null, 0L);

        for (var i = 0; i < 1_000; i++)
        {
            Assert.True(dispatcher.InvokeAsync(envelope, provider, CancellationToken.None).IsCompletedSuccessfully);
        }

        const int runs = 10_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < runs; i++)
        {
            var pending = dispatcher.InvokeAsync(envelope, provider, CancellationToken.None);
            if (!pending.IsCompletedSuccessfully)
            {
                Assert.Fail("a synchronous job completed asynchronously");
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(42L * (runs + 1_000), (long)total.GetValue(null)!);
        Assert.True(allocated == 0, $"{allocated} bytes allocated over {runs} dispatches ({(double)allocated / runs:F1} per dispatch)");
    }

    [Fact]
    public void Catalog_DescribesEveryJob()
    {
        var catalog = (IReadOnlyList<JobDescriptor>)Project.GetType("JobGen.RoundTripJobs")!.GetProperty("Catalog")!.GetValue(null)!;
        Assert.Equal(
            ["RoundTrip.CounterJobs.Add", "RoundTrip.InstanceJobs.Run", "RoundTrip.ValueJobs.Collections", "RoundTrip.ValueJobs.Defaults", "RoundTrip.ValueJobs.Enums",
             "RoundTrip.ValueJobs.Newer", "RoundTrip.ValueJobs.NewerObjects", "RoundTrip.ValueJobs.Nullables", "RoundTrip.ValueJobs.Primitives", "RoundTrip.ValueJobs.Texts", "RoundTrip.ValueJobs.Times", "roundtrip.objects"],
            catalog.Select(j => j.Job));
        var run = catalog[1];
        Assert.Equal(("instances", 25, "RoundTrip.InstanceJobs", "Run"), (run.Queue, run.MaxAttempts, run.DeclaringType, run.Method));
        Assert.Equal([new JobParameterDescriptor("text", "string")], run.Parameters);
        var objects = catalog.Single(j => j.Job == "roundtrip.objects");
        Assert.Equal("objects", objects.Queue);
        Assert.Equal(["node", "person", "init", "people", "byName", "point"], objects.Parameters.Select(p => p.Name));
    }

    [Fact]
    public async Task OlderPayloadWithFewerArguments_UsesDeclaredDefaults()
    {
        Received.Clear();
        await Invoke("RoundTrip.ValueJobs.Defaults", (ref MessagePackWriter w) => w.Write(9));
        Assert.Null(DeepEquality.Difference(new object?[] { "Defaults", 9, "fallback", 7, Enum("Small", 255) }, Received.Single()));
    }

    [Fact]
    public async Task NewerPayloadWithExtraArguments_IgnoresTheExtraOnes()
    {
        Received.Clear();
        await Invoke("RoundTrip.ValueJobs.Defaults", (ref MessagePackWriter w) =>
        {
            w.Write(1); w.Write("b"); w.Write(2); w.Write((byte)0);
            w.Write("extra"); w.WriteArrayHeader(2); w.Write(1); w.WriteNil();
        }, count: 6);
        Assert.Null(DeepEquality.Difference(new object?[] { "Defaults", 1, "b", 2, Enum("Small", 0) }, Received.Single()));
    }

    [Fact]
    public async Task NilImmutableArray_IsReadAsADefaultImmutableArray()
    {
        Received.Clear();
        await Invoke("RoundTrip.ValueJobs.Newer", (ref MessagePackWriter w) =>
        {
            w.Write(0); w.Write(0L); w.WriteBinHeader(16); w.WriteRaw(new byte[16]); w.WriteBinHeader(16); w.WriteRaw(new byte[16]);
            w.Write(1.5f); w.WriteNil(); w.WriteNil(); w.WriteNil(); w.WriteNil();
        }, count: 9);
        var got = Received.Single();
        Assert.Equal((Half)1.5f, (Half)got[5]!);
        Assert.True(((System.Collections.Immutable.ImmutableArray<int>)got[8]!).IsDefault);
        Assert.Equal(DateOnly.MinValue, (DateOnly)got[1]!);
        Assert.Equal(Int128.Zero, (Int128)got[3]!);
    }

    [Fact]
    public async Task MissingArgumentWithoutDefault_IsAPayloadError()
    {
        var error = await Assert.ThrowsAsync<JobPayloadException>(() => Invoke("RoundTrip.ValueJobs.Defaults", (ref MessagePackWriter _) => { }, count: 0));
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xc1 })] // never-used MessagePack code
    [InlineData(new byte[] { 0x91, 0xa1, 0x78 })] // [ "x" ] where an int is expected
    [InlineData(new byte[] { 0x94, 0x01 })] // array of 4 that ends after one element
    [InlineData(new byte[0])]
    public async Task MalformedArguments_AreAPayloadError(byte[] arguments)
    {
        await Assert.ThrowsAsync<JobPayloadException>(() => Dispatch(new JobEnvelope { Id = "x", Job = "RoundTrip.ValueJobs.Defaults", Queue = "default", Arguments = arguments }));
    }

    [Theory]
    [InlineData(new byte[] { 0x91, 0x07, 0xc0 }, 1)] // [ 7 ] then a nil outside the array
    [InlineData(new byte[] { 0x91, 0x07, 0x91, 0x07 }, 2)] // two argument arrays concatenated
    public async Task BytesAfterTheArgumentArray_AreAPayloadErrorThatSaysSo(byte[] arguments, int trailing)
    {
        Received.Clear();
        var error = await Assert.ThrowsAsync<JobPayloadException>(() => Dispatch(new JobEnvelope { Id = "x", Job = "RoundTrip.ValueJobs.Defaults", Queue = "default", Arguments = arguments }));
        Assert.Contains($"{trailing} trailing byte(s) after the arguments", error.Message, StringComparison.Ordinal);
        Assert.Empty(Received);
    }

    [Fact]
    public async Task UnknownJobId_Throws()
    {
        var error = await Assert.ThrowsAsync<UnknownJobException>(() => Dispatch(new JobEnvelope { Id = "x", Job = "nope", Queue = "default", Arguments = new byte[] { 0x90 } }));
        Assert.Equal("nope", error.Job);
    }

    private delegate void WriteArguments(ref MessagePackWriter writer);

    private static object Enum(string name, long value) => System.Enum.ToObject(Project.GetType("RoundTrip." + name)!, value);

    private static async Task Invoke(string job, WriteArguments write, int count = 1)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(count);
        write(ref writer);
        writer.Flush();
        await Dispatch(new JobEnvelope { Id = "x", Job = job, Queue = "default", Arguments = buffer.WrittenMemory });
    }

    private static async Task Dispatch(JobEnvelope envelope)
    {
        var (provider, _) = CreateServices();
        await provider.GetServices<IJobDispatcher>().Single().InvokeAsync(envelope, provider, TestContext.Current.CancellationToken);
    }

    private static (ServiceProvider Provider, object Counter) CreateServices()
    {
        var counter = Activator.CreateInstance(Project.GetType("RoundTrip.Counter")!)!;
        var services = new ServiceCollection();
        Project.GetType("RoundTrip.Cases")!.GetMethod("AddServices")!.Invoke(null, [services, counter]);
        return (services.BuildServiceProvider(), counter);
    }

    private static async Task<IReadOnlyList<Storage.FetchedJob>> Fetch(InMemoryJobStorage storage, IReadOnlyList<string> queues) =>
        await storage.FetchAsync(queues, 50, DateTimeOffset.UtcNow.AddMinutes(5), TimeSpan.Zero, TestContext.Current.CancellationToken);
}
