using BenchmarkDotNet.Running;
using JobGen.Benchmarks.E2e;
using JobGen.Benchmarks.Worker;

// The command-line front: `micro [BenchmarkDotNet args]`, `e2e [options]` (see E2eOptions), and the internal
// `worker drain|latency` that the e2e harness starts as the separate worker process.
var command = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
switch (command)
{
    case "micro":
        // Without a filter BenchmarkDotNet asks interactively; run everything instead.
        var bdnArgs = rest.Any(a => a is "--filter" or "-f" or "--list") ? rest : [.. rest, "--filter", "*"];
        BenchmarkSwitcher.FromAssembly(typeof(E2eOptions).Assembly).Run(bdnArgs);
        return 0;
    case "e2e" when JobGen.Benchmarks.Postgres.PostgresHarness.Wants(rest):
        return await JobGen.Benchmarks.Postgres.PostgresHarness.RunAsync(rest, Console.Out);
    case "e2e":
        return await E2eHarness.RunAsync(E2eOptions.Parse(JobGen.Benchmarks.Postgres.PostgresHarness.WithoutRedisStorage(rest)), Console.Out);
    case "dashboard": // every dashboard page's server time over 1,000,000 ready and 10,000 dead jobs: docs/dashboard.md
        return await JobGen.Benchmarks.Dashboard.DashboardScale.RunAsync(rest, Console.Out);
    case "flow": // unique enqueue against plain enqueue on Redis: docs/flow-control.md
        return await JobGen.Benchmarks.FlowControl.UniqueEnqueueBenchmark.RunAsync(rest, Console.Out);
    case "security": // signed envelopes against unsigned, interleaved pairs: docs/security.md
        return await SigningWorkload.RunAsync(rest, Console.Out);
    case "worker": // the JIT worker; the AOT one is tests/JobGen.Benchmarks.AotWorker
        return await WorkerProcess.RunAsync(WorkerProcessOptions.Parse(rest), Console.Out);
    default:
        Console.Error.WriteLine("""
            usage: dotnet run -c Release --project tests/JobGen.Benchmarks -- micro [BenchmarkDotNet args, e.g. --job short --filter *Dispatch*]
                   dotnet run -c Release --project tests/JobGen.Benchmarks -- flow [--jobs N] [--rounds N]
                   dotnet run -c Release --project tests/JobGen.Benchmarks -- security [--jobs N] [--rounds N] [--redis HOST:PORT]
                   dotnet run -c Release --project tests/JobGen.Benchmarks -- dashboard [--ready N] [--dead N] [--rounds N]
                   dotnet run -c Release --project tests/JobGen.Benchmarks -- e2e [--redis HOST:PORT] [--jobs N] [--quick] [--worker aot|jit|both] [--concurrency N] [--fetch-batch N] [--callers N] [--latency-jobs N] [--workloads single,concurrent,bulk,drain,drain_inmemory,latency] [--no-ceilings|--ceilings]
                   dotnet run -c Release --project tests/JobGen.Benchmarks -- e2e --storage postgres [--jobs N] [--callers N] [--latency-jobs N] [--concurrency N] [--sync-worker-commits] [--drain-only]
            """);
        return 2;
}
