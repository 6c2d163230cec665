using System.Globalization;

namespace JobGen.Benchmarks.Worker;

/// <summary>
/// Command line of a worker process: <c>drain|latency --redis R --queue Q --jobs N --concurrency C --fetch-batch B</c>
/// (the JIT worker is the harness started again with <c>worker</c> in front; the AOT worker takes them as they are).
/// </summary>
public sealed record WorkerProcessOptions(string Mode, string Redis, string Queue, int Jobs, int Concurrency, int FetchBatch = 0)
{
    public static WorkerProcessOptions Parse(IReadOnlyList<string> args)
    {
        string Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault()
            ?? throw new ArgumentException($"worker needs {name}.");
        var mode = args.Count > 0 && args[0] is "drain" or "latency" ? args[0] : throw new ArgumentException("worker needs drain or latency first.");
        return new WorkerProcessOptions(mode, Get("--redis"), Get("--queue"), int.Parse(Get("--jobs"), CultureInfo.InvariantCulture),
            int.Parse(Get("--concurrency"), CultureInfo.InvariantCulture), int.Parse(Get("--fetch-batch"), CultureInfo.InvariantCulture));
    }

    public IEnumerable<string> ToArgs() =>
        [Mode, "--redis", Redis, "--queue", Queue, "--jobs", Jobs.ToString(CultureInfo.InvariantCulture),
         "--concurrency", Concurrency.ToString(CultureInfo.InvariantCulture), "--fetch-batch", FetchBatch.ToString(CultureInfo.InvariantCulture)];
}
