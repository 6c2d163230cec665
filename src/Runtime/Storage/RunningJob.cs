namespace JobGen.Storage;

/// <summary>
/// A job a worker process is running now, as its heartbeat reports it (<see cref="ProcessInfo.Running"/>). Storages
/// keep a process's list as the bytes of <see cref="EncodeList"/> and read it back with <see cref="DecodeList"/>.
/// </summary>
/// <param name="JobId">The job's id.</param>
/// <param name="Job">The stable job id (what it runs).</param>
/// <param name="Queue">The queue it was fetched from.</param>
/// <param name="StartedAt">When this run started.</param>
public sealed record RunningJob(string JobId, string Job, string Queue, DateTimeOffset StartedAt)
{
    private const int FormatVersion = 1;

    /// <summary>
    /// Encodes a list (MessagePack: a map of format version and then each job by its index, each job a map of integer
    /// keys; unknown keys are skipped when read).
    /// </summary>
    public static byte[] EncodeList(IReadOnlyList<RunningJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        long size = 16;
        foreach (var job in jobs)
        {
            size += 16 + (2 * SpanMessagePackWriter.MaxIntegerSize) + SpanMessagePackWriter.MaxStringSize(job.JobId)
                + SpanMessagePackWriter.MaxStringSize(job.Job) + SpanMessagePackWriter.MaxStringSize(job.Queue);
        }

        var buffer = new byte[size > Array.MaxLength ? throw new InvalidOperationException("The running-job list is too large to encode.") : (int)size];
        var w = new SpanMessagePackWriter(buffer);
        w.WriteMapHeader(jobs.Count + 1);
        w.WriteInt64(-1); w.WriteInt64(FormatVersion);
        for (var i = 0; i < jobs.Count; i++)
        {
            w.WriteInt64(i);
            w.WriteMapHeader(4);
            w.WriteFixInt(0); w.WriteString(jobs[i].JobId);
            w.WriteFixInt(1); w.WriteString(jobs[i].Job);
            w.WriteFixInt(2); w.WriteString(jobs[i].Queue);
            w.WriteFixInt(3); w.WriteInt64(jobs[i].StartedAt.ToUnixTimeMilliseconds());
        }

        return buffer.AsSpan(0, w.Written).ToArray();
    }

    /// <summary>Decodes what <see cref="EncodeList"/> wrote; empty for empty input. Throws <see cref="JobPayloadException"/> on bad input.</summary>
    public static IReadOnlyList<RunningJob> DecodeList(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return [];
        }

        try
        {
            var r = new SpanMessagePackReader(bytes.Span);
            var n = r.ReadMapHeader();
            var jobs = new List<RunningJob>(n);
            for (var i = 0; i < n; i++)
            {
                if (r.ReadInt64() < 0)
                {
                    r.Skip(); // the format version, and any later header field
                    continue;
                }

                string? id = null, job = null, queue = null;
                long started = 0;
                var fields = r.ReadMapHeader();
                for (var f = 0; f < fields; f++)
                {
                    switch (r.ReadInt32())
                    {
                        case 0: id = r.ReadString(); break;
                        case 1: job = r.ReadString(); break;
                        case 2: queue = r.ReadString(); break;
                        case 3: started = r.ReadInt64(); break;
                        default: r.Skip(); break;
                    }
                }

                jobs.Add(new RunningJob(id ?? string.Empty, job ?? string.Empty, queue ?? string.Empty, DateTimeOffset.FromUnixTimeMilliseconds(started)));
            }

            return jobs.Count == 0 ? [] : jobs;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new JobPayloadException($"Not a running-job list: {ex.Message}", ex);
        }
    }
}
