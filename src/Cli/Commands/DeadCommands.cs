using System.CommandLine;
using JobGen.Cli.Output;
using JobGen.Storage;

namespace JobGen.Cli.Commands;

/// <summary><c>dead list|show|retry|delete</c>: the dead sets.</summary>
internal static class DeadCommands
{
    public static Command Dead()
    {
        var command = new Command("dead", "Jobs that died: list, show, retry or delete them") { List(), Show(), Act("retry", retry: true), Act("delete", retry: false) };
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Dead jobs, newest death first") { JobListCommands.Queue, JobListCommands.Limit };
        command.SetBody(async (context, parse, ct) =>
        {
            var monitor = await context.MonitorAsync().ConfigureAwait(false);
            var limit = Math.Clamp(parse.GetValue(JobListCommands.Limit), 1, 500);
            var entries = new List<DeadJobEntry>();
            foreach (var queue in await JobListCommands.QueuesAsync(monitor, parse.GetValue(JobListCommands.Queue), ct).ConfigureAwait(false))
            {
                entries.AddRange((await monitor.GetDeadPageAsync(new JobQuery { Queue = queue, PageSize = limit }, ct).ConfigureAwait(false)).Items);
            }

            entries.Sort((a, b) => b.Dead.DiedAt.CompareTo(a.Dead.DiedAt));
            if (context.Json)
            {
                JsonOut.Write(context.Output, w =>
                {
                    w.WriteStartArray();
                    foreach (var e in entries)
                    {
                        WriteDead(w, e, details: false);
                    }

                    w.WriteEndArray();
                });
                return;
            }

            if (entries.Count == 0)
            {
                context.Output.WriteLine("No dead jobs.");
                return;
            }

            var now = context.Now;
            var table = new Table("ID", "JOB", "QUEUE", "DIED", "REASON", "MESSAGE");
            foreach (var e in entries)
            {
                table.Add(e.Dead.JobId, e.Dead.Job ?? "(undecodable)", e.Dead.Queue, Formats.Relative(e.Dead.DiedAt, now), e.Dead.Reason.ToString(), e.Dead.Message);
            }

            table.WriteTo(context.Output);
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The dead job's id" };
        var command = new Command("show", "One dead job in full: why it died, its stack trace, its envelope") { id, JobListCommands.Queue };
        command.SetBody(async (context, parse, ct) =>
        {
            var entry = await FindAsync(context, parse.GetValue(id)!, parse.GetValue(JobListCommands.Queue), ct).ConfigureAwait(false);
            if (context.Json)
            {
                JsonOut.Write(context.Output, w => WriteDead(w, entry, details: true));
                return;
            }

            var o = context.Output;
            var dead = entry.Dead;
            var envelope = entry.Envelope;
            o.WriteLine($"Job        {dead.Job ?? "(undecodable)"}");
            o.WriteLine($"Id         {dead.JobId}");
            o.WriteLine($"Queue      {dead.Queue}");
            o.WriteLine($"Died       {Formats.Time(dead.DiedAt)} ({Formats.Relative(dead.DiedAt, context.Now)})");
            o.WriteLine($"Reason     {dead.Reason}");
            if (envelope is not null)
            {
                o.WriteLine($"Attempts   {envelope.Attempt} of {envelope.MaxAttempts}");
                o.WriteLine($"Created    {Formats.Time(envelope.CreatedAt)}");
                o.WriteLine($"Arguments  {envelope.Arguments.Length} bytes");
                foreach (var header in envelope.Headers.OrderBy(h => h.Key, StringComparer.Ordinal))
                {
                    o.WriteLine($"Header     {header.Key}: {header.Value}");
                }
            }

            if (dead.ExceptionType is not null)
            {
                o.WriteLine($"Exception  {dead.ExceptionType}");
            }

            o.WriteLine();
            o.WriteLine(dead.Message);
            if (!string.IsNullOrEmpty(dead.StackTrace))
            {
                o.WriteLine();
                o.WriteLine(dead.StackTrace);
            }
        });
        return command;
    }

    private static Command Act(string name, bool retry)
    {
        var id = new Argument<string>("id") { Description = "The dead job's id" };
        var description = retry ? "Put a dead job back on its queue as a fresh run (attempts reset)" : "Delete a dead job for good";
        var command = new Command(name, description) { id, JobListCommands.Queue };
        command.SetBody(async (context, parse, ct) =>
        {
            var entry = await FindAsync(context, parse.GetValue(id)!, parse.GetValue(JobListCommands.Queue), ct).ConfigureAwait(false);
            var monitor = await context.MonitorAsync().ConfigureAwait(false);
            var done = retry ? await monitor.RetryDeadAsync(entry, ct).ConfigureAwait(false) : await monitor.DeleteDeadAsync(entry, ct).ConfigureAwait(false);
            if (!done)
            {
                throw retry && entry.Envelope is null
                    ? new CliException($"dead job {entry.Dead.JobId} cannot be decoded and so cannot be retried; it can only be deleted.", ExitCodes.Failed)
                    : new CliException($"dead job {entry.Dead.JobId} is no longer in the dead set of queue {entry.Dead.Queue}.", ExitCodes.NotFound);
            }

            if (context.Json)
            {
                JsonOut.Write(context.Output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("id", entry.Dead.JobId);
                    w.WriteString("queue", entry.Dead.Queue);
                    w.WriteString("action", retry ? "retried" : "deleted");
                    w.WriteEndObject();
                });
            }
            else
            {
                context.Output.WriteLine(retry
                    ? $"Retried dead job {entry.Dead.JobId} ({entry.Dead.Job}): back on queue {entry.Dead.Queue} with its attempts reset."
                    : $"Deleted dead job {entry.Dead.JobId} ({entry.Dead.Job ?? "undecodable"}) from queue {entry.Dead.Queue}.");
            }
        });
        return command;
    }

    private static async Task<DeadJobEntry> FindAsync(CliContext context, string id, string? queue, CancellationToken ct)
    {
        var monitor = await context.MonitorAsync().ConfigureAwait(false);
        var found = await monitor.FindJobAsync(id, queue, PayloadSet.Dead, cancellationToken: ct).ConfigureAwait(false);
        if (found is not { Set: PayloadSet.Dead, Dead: { } dead })
        {
            throw new CliException($"no dead job with id {id}{(queue is null ? "" : " in queue " + queue)}.", ExitCodes.NotFound);
        }

        return new DeadJobEntry(dead, found.Envelope, found.Stored);
    }

    private static void WriteDead(System.Text.Json.Utf8JsonWriter w, DeadJobEntry e, bool details)
    {
        w.WriteStartObject();
        w.WriteString("id", e.Dead.JobId);
        w.WriteString("job", e.Dead.Job);
        w.WriteString("queue", e.Dead.Queue);
        w.Time("diedAt", e.Dead.DiedAt);
        w.WriteString("reason", e.Dead.Reason.ToString());
        w.WriteString("message", e.Dead.Message);
        w.WriteString("exceptionType", e.Dead.ExceptionType);
        if (details)
        {
            w.WriteString("stackTrace", e.Dead.StackTrace);
            w.Envelope(e.Envelope);
        }

        w.WriteEndObject();
    }
}
