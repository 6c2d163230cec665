namespace JobGen.Benchmarks.Worker;

/// <summary>
/// Samples this process's resident set size (VmRSS from /proc/self/status, else <see cref="Environment.WorkingSet"/>)
/// on a background timer and keeps the peak, so a drain reports the memory it really needed.
/// </summary>
public sealed class RssSampler : IAsyncDisposable
{
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private long _peakBytes;

    public RssSampler(TimeSpan interval)
    {
        _timer = new PeriodicTimer(interval);
        Sample();
        _loop = Task.Run(async () =>
        {
            while (await _timer.WaitForNextTickAsync().ConfigureAwait(false))
            {
                Sample();
            }
        });
    }

    public double PeakMb => Interlocked.Read(ref _peakBytes) / (1024.0 * 1024.0);

    public void Sample()
    {
        var rss = CurrentBytes();
        long seen;
        while (rss > (seen = Interlocked.Read(ref _peakBytes)) && Interlocked.CompareExchange(ref _peakBytes, rss, seen) != seen)
        {
        }
    }

    public static long CurrentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return Environment.WorkingSet;
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _loop.ConfigureAwait(false);
        Sample();
    }
}
