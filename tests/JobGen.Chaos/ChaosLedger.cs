using System.Globalization;
using StackExchange.Redis;

namespace JobGen.Chaos;

/// <summary>
/// Where chaos jobs record what happened, in Redis under <c>{prefix}:ledger:*</c> (apart from JobGen's own keys):
/// a hash of runs per job number, a log of "number pid" per run (to tell which process ran each attempt),
/// and counters of starts and of observed cancellations. One Lua call per run keeps hash and log in step.
/// </summary>
public sealed class ChaosLedger : IAsyncDisposable
{
    private const string RecordScript = "redis.call('HINCRBY', KEYS[1], ARGV[1], 1) redis.call('RPUSH', KEYS[2], ARGV[1] .. ' ' .. ARGV[2]) return 1";
    private static readonly string Pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    private readonly ConnectionMultiplexer _connection;
    private readonly RedisKey _runs, _log, _starts, _cancels;

    private ChaosLedger(ConnectionMultiplexer connection, string prefix)
    {
        _connection = connection;
        _runs = prefix + ":ledger:runs";
        _log = prefix + ":ledger:log";
        _starts = prefix + ":ledger:starts";
        _cancels = prefix + ":ledger:cancels";
    }

    private IDatabase Db => _connection.GetDatabase();

    /// <summary>Connects to <paramref name="configuration"/> (a StackExchange.Redis string); keeps reconnecting across outages.</summary>
    public static async Task<ChaosLedger> ConnectAsync(string configuration, string prefix)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        return new ChaosLedger(await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false), prefix);
    }

    /// <summary>One completed run of job number <paramref name="n"/> by this process.</summary>
    public Task RecordRunAsync(int n, CancellationToken cancellationToken) =>
        Db.ScriptEvaluateAsync(RecordScript, [_runs, _log], [n, Pid]).WaitAsync(cancellationToken);

    /// <summary>A run of job number <paramref name="n"/> began; returns how many have begun, this one included.</summary>
    public Task<long> RecordStartAsync(int n, CancellationToken cancellationToken) =>
        Db.HashIncrementAsync(_starts, n).WaitAsync(cancellationToken);

    /// <summary>A run of job number <paramref name="n"/> saw its token cancelled.</summary>
    public Task RecordCancelAsync(int n, CancellationToken cancellationToken) =>
        Db.HashIncrementAsync(_cancels, n).WaitAsync(cancellationToken);

    /// <summary>
    /// Appends a marker to the run log (job number <paramref name="marker"/>, pid 0; no process has pid 0): the driver
    /// marks where a database outage began and ended, so the count can tell which runs it may have made repeat.
    /// </summary>
    public Task RecordMarkerAsync(int marker) => Db.ListRightPushAsync(_log, marker.ToString(CultureInfo.InvariantCulture) + " 0");

    /// <summary>How many distinct job numbers have run at least once.</summary>
    public Task<long> CountExecutedAsync() => Db.HashLengthAsync(_runs);

    /// <summary>Runs of all jobs together.</summary>
    public async Task<long> CountRunsAsync() => (await ReadCountsAsync(LedgerCounter.Runs).ConfigureAwait(false)).Values.Sum();

    /// <summary>How many distinct job numbers have started at least once.</summary>
    public Task<long> CountStartedAsync() => Db.HashLengthAsync(_starts);

    /// <summary>Runs, starts or cancels per job number.</summary>
    public async Task<Dictionary<int, long>> ReadCountsAsync(LedgerCounter counter)
    {
        var key = counter switch { LedgerCounter.Runs => _runs, LedgerCounter.Starts => _starts, _ => _cancels };
        var counts = new Dictionary<int, long>();
        await foreach (var entry in Db.HashScanAsync(key, pageSize: 5000).ConfigureAwait(false))
        {
            counts[(int)entry.Name] = (long)entry.Value;
        }

        return counts;
    }

    /// <summary>Every run in the order recorded: job number and the pid of the process that ran it (pid 0: a marker).</summary>
    public async Task<IReadOnlyList<(int Job, int Pid)>> ReadLogAsync()
    {
        var runs = new List<(int, int)>();
        const int page = 10_000;
        for (long start = 0; ; start += page)
        {
            var items = await Db.ListRangeAsync(_log, start, start + page - 1).ConfigureAwait(false);
            foreach (var item in items)
            {
                var text = item.ToString();
                var space = text.IndexOf(' ', StringComparison.Ordinal);
                runs.Add((int.Parse(text.AsSpan(0, space), CultureInfo.InvariantCulture), int.Parse(text.AsSpan(space + 1), CultureInfo.InvariantCulture)));
            }

            if (items.Length < page)
            {
                return runs;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _connection.DisposeAsync().ConfigureAwait(false);
}

/// <summary>The ledger's per-job counters.</summary>
public enum LedgerCounter
{
    /// <summary>Completed runs.</summary>
    Runs,

    /// <summary>Started runs.</summary>
    Starts,

    /// <summary>Runs that saw their token cancelled.</summary>
    Cancels,
}
