namespace JobGen.Redis.DrainWorker;

/// <summary>Appends each run's job id to the ledger file, one line per run.</summary>
public sealed class DrainLedger(string path) : IAsyncDisposable
{
    private readonly StreamWriter _writer = new(path, append: true) { AutoFlush = true };
    private readonly Lock _gate = new();

    public void Ran(string jobId)
    {
        lock (_gate)
        {
            _writer.WriteLine(jobId);
        }
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}

/// <summary>The job the drain test enqueues (id "redis.drain", queue "drain").</summary>
public sealed class DrainJobs(DrainLedger ledger)
{
    [BackgroundJob("redis.drain", Queue = "drain")]
    public async ValueTask Run(int number, JobContext context, CancellationToken cancellationToken)
    {
        // A little work, so a SIGKILL lands while jobs are running and leased.
        if (number % 10 == 0)
        {
            await Task.Delay(1, cancellationToken);
        }

        ledger.Ran(context.JobId);
    }

    /// <summary>The recurring test's job: records "job-id tick lag" per run (tick in unix ms; lag = enqueue time − tick, ms).</summary>
    [BackgroundJob("redis.tick", Queue = "ticks")]
    public void Tick(JobContext context)
    {
        var tick = context.TickTime!.Value;
        var lag = (context.CreatedAt - tick).TotalMilliseconds;
        ledger.Ran(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{context.JobId} {tick.ToUnixTimeMilliseconds()} {lag:0}"));
    }
}
