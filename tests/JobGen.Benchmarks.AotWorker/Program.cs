using JobGen.Benchmarks.Worker;

// drain|latency --redis R --queue Q --jobs N --concurrency C --fetch-batch B (see WorkerProcessOptions).
return await WorkerProcess.RunAsync(WorkerProcessOptions.Parse(args), Console.Out);
