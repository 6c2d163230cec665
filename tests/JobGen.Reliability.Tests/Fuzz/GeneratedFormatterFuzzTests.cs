namespace JobGen.Reliability.Tests.Fuzz;

/// <summary>
/// Every generated argument reader (through the generated dispatcher, as the worker calls it) fed
/// <see cref="FuzzSettings.Inputs"/> mutated argument arrays per job: the job runs, or the dispatcher throws
/// <see cref="JobPayloadException"/>; nothing else, no stack overflow from nesting, no allocation from a forged length;
/// and an accepted input is exactly one well-formed MessagePack value (the readers reject bytes after the array).
/// </summary>
public sealed class GeneratedFormatterFuzzTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    public static TheoryData<string> Jobs => ["fuzz.primitives", "fuzz.text-and-times", "fuzz.collections", "fuzz.newer", "fuzz.objects"];

    [Theory]
    [MemberData(nameof(Jobs))]
    public async Task Generated_argument_readers_only_ever_throw_JobPayloadException(string job)
    {
        var dispatcher = JobGenReliabilityTestsJobs.Dispatcher;
        var services = new NoServices();
        var corpus = ValidArguments(job);
        var seed = FuzzSettings.Seed;

        var report = await DecoderFuzzer.RunAsync(seed, FuzzSettings.Inputs, corpus, arguments =>
        {
            var envelope = new JobEnvelope { Id = "fuzz", Job = job, Queue = "default", Arguments = arguments };
            var run = dispatcher.InvokeAsync(envelope, services, CancellationToken.None);
            Assert.True(run.IsCompleted, "the fuzz jobs complete synchronously");
            run.GetAwaiter().GetResult();
        }, Deadline, requireWellFormed: true);

        TestContext.Current.TestOutputHelper?.WriteLine($"{job}: {DecoderFuzzer.Describe(report)}");
        Assert.True(report.Violations.Count == 0, DecoderFuzzer.Describe(report));
        Assert.True(report.Rejected > report.Inputs / 4, "mutated inputs must mostly be rejected, or the mutator is not reaching the readers");
    }

    private static IReadOnlyList<byte[]> ValidArguments(string job) => job switch
    {
        "fuzz.primitives" =>
        [
            Bytes(JobGenReliabilityTestsJobs.CreatePrimitivesRequest(true, 1, -1, short.MinValue, ushort.MaxValue, int.MinValue, uint.MaxValue, long.MinValue, ulong.MaxValue, 1.5f, Math.PI, 'é', 79228162514264337593543950335m)),
            Bytes(JobGenReliabilityTestsJobs.CreatePrimitivesRequest(false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '\0', 0m)),
        ],
        "fuzz.text-and-times" =>
        [
            Bytes(JobGenReliabilityTestsJobs.CreateTextAndTimesRequest("hello é 🙂", null, FuzzColor.Blue, Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"), new DateTime(2026, 11, 28, 18, 0, 0, DateTimeKind.Utc), DateTimeOffset.FromUnixTimeSeconds(1_764_000_000).ToOffset(TimeSpan.FromHours(5.5)), TimeSpan.FromMinutes(90), [1, 2, 3])),
            Bytes(JobGenReliabilityTestsJobs.CreateTextAndTimesRequest(new string('x', 300), "maybe", FuzzColor.Red, Guid.Empty, DateTime.MinValue, DateTimeOffset.MaxValue, TimeSpan.MinValue, new byte[70_000])),
        ],
        "fuzz.collections" =>
        [
            Bytes(JobGenReliabilityTestsJobs.CreateCollectionsRequest([1, -2, int.MaxValue], ["a", "bb"], [1, null, long.MaxValue], new() { ["x"] = 1, ["y"] = 2 }, new Dictionary<string, string?> { ["k"] = null, ["l"] = "v" }, 7)),
            Bytes(JobGenReliabilityTestsJobs.CreateCollectionsRequest([], [], [], [], new Dictionary<string, string?>(), null)),
        ],
        "fuzz.newer" =>
        [
            Bytes(JobGenReliabilityTestsJobs.CreateNewerRequest(new DateOnly(2026, 12, 2), new TimeOnly(13, 5), Int128.MinValue, UInt128.MaxValue, (Half)0.5f, new Uri("https://example.com/r?x=1"), new Version(1, 2, 3), [1, -2, int.MaxValue], null)),
            Bytes(JobGenReliabilityTestsJobs.CreateNewerRequest(DateOnly.MaxValue, TimeOnly.MinValue, 0, 0, Half.NaN, null, null, [], DateOnly.MinValue)),
        ],
        _ =>
        [
            Bytes(JobGenReliabilityTestsJobs.CreateObjectsRequest(Tree(3), [Tree(1), Tree(2)])),
            Bytes(JobGenReliabilityTestsJobs.CreateObjectsRequest(new FuzzTree { Name = "leaf" }, [])),
        ],
    };

    private static FuzzTree Tree(int depth) => new()
    {
        Name = "n" + depth,
        Children = depth == 0 ? null : [Tree(depth - 1), new FuzzTree { Name = "leaf" }],
        Next = depth == 0 ? null : new FuzzTree { Name = "next" },
    };

    private static byte[] Bytes(JobRequest request) => request.Arguments.ToArray();

    private sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
