using System.CommandLine;
using JobGen.Cli.Output;

namespace JobGen.Cli.Commands;

/// <summary><c>scheduled</c> and <c>retries</c>: the jobs waiting in the scheduled sets, soonest first.</summary>
internal static class JobListCommands
{
    public static readonly Option<string?> Queue = new("--queue", "-q") { Description = "Only this queue (default: every queue)" };

    public static readonly Option<int> Limit = new("--limit", "-n") { Description = "Most jobs listed per queue", DefaultValueFactory = _ => 50 };

    public static Command Scheduled() => List("scheduled", "Jobs scheduled for later by their client (retries excluded), soonest first", retries: false);

    public static Command Retries() => List("retries", "Failed jobs waiting for their next attempt, soonest first", retries: true);

    /// <summary>The queues a listing covers: the one asked for, or every queue.</summary>
    public static async Task<IReadOnlyList<string>> QueuesAsync(JobMonitor monitor, string? queue, CancellationToken ct) =>
        queue is not null ? [queue] : [.. (await monitor.GetQueuesAsync(ct).ConfigureAwait(false)).Select(q => q.Queue)];

    private static Command List(string name, string description, bool retries)
    {
        var command = new Command(name, description) { Queue, Limit };
        command.SetBody(async (context, parse, ct) =>
        {
            var monitor = await context.MonitorAsync().ConfigureAwait(false);
            var limit = Math.Clamp(parse.GetValue(Limit), 1, 500);
            var entries = new List<ScheduledJobEntry>();
            foreach (var queue in await QueuesAsync(monitor, parse.GetValue(Queue), ct).ConfigureAwait(false))
            {
                var query = new JobQuery { Queue = queue, PageSize = limit };
                var page = retries ? await monitor.GetRetryPageAsync(query, ct).ConfigureAwait(false) : await monitor.GetScheduledPageAsync(query, ct).ConfigureAwait(false);
                entries.AddRange(page.Items);
            }

            entries.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
            if (context.Json)
            {
                JsonOut.Write(context.Output, w =>
                {
                    w.WriteStartArray();
                    foreach (var e in entries)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", e.Envelope?.Id);
                        w.WriteString("job", e.Envelope?.Job);
                        w.WriteString("queue", e.Queue);
                        w.Time("dueAt", e.DueAt);
                        w.WriteNumber("attempt", e.Envelope?.Attempt ?? 0);
                        w.WriteString("lastError", e.Envelope?.LastError);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
                return;
            }

            if (entries.Count == 0)
            {
                context.Output.WriteLine(retries ? "No retries." : "No scheduled jobs.");
                return;
            }

            var now = context.Now;
            var table = retries
                ? new Table("ID", "JOB", "QUEUE", "ATTEMPT", "NEXT TRY", "LAST ERROR")
                : new Table("ID", "JOB", "QUEUE", "DUE", "WHEN");
            foreach (var e in entries)
            {
                if (retries)
                {
                    table.Add(e.Envelope?.Id ?? "(undecodable)", e.Envelope?.Job, e.Queue, $"{e.Envelope?.Attempt ?? 0}/{e.Envelope?.MaxAttempts ?? 0}", Formats.Relative(e.DueAt, now), e.Envelope?.LastError);
                }
                else
                {
                    table.Add(e.Envelope?.Id ?? "(undecodable)", e.Envelope?.Job, e.Queue, Formats.Time(e.DueAt), Formats.Relative(e.DueAt, now));
                }
            }

            table.WriteTo(context.Output);
        });
        return command;
    }
}
