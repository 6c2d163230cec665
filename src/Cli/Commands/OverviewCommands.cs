using System.CommandLine;
using JobGen.Cli.Output;

namespace JobGen.Cli.Commands;

/// <summary><c>stats</c> (totals, the last days, what waits where) and <c>processes</c> (live workers).</summary>
internal static class OverviewCommands
{
    public static Command Stats()
    {
        var days = new Option<int>("--days") { Description = "Days of history to show (UTC days, today first)", DefaultValueFactory = _ => 7 };
        var command = new Command("stats", "Processed and failed totals and per day, jobs by state, busy workers") { days };
        command.SetBody(async (context, parse, ct) =>
        {
            var monitor = await context.MonitorAsync().ConfigureAwait(false);
            var stats = await monitor.GetStatsAsync(Math.Clamp(parse.GetValue(days), 0, 366), ct).ConfigureAwait(false);
            var queues = await monitor.GetQueuesAsync(ct).ConfigureAwait(false);
            var processes = await monitor.GetProcessesAsync(ct).ConfigureAwait(false);
            long ready = queues.Sum(q => q.Ready), running = queues.Sum(q => q.InFlight), scheduled = queues.Sum(q => q.Scheduled), dead = queues.Sum(q => q.Dead);
            int busy = processes.Sum(p => p.Busy), concurrency = processes.Sum(p => p.Concurrency);
            if (context.Json)
            {
                JsonOut.Write(context.Output, w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("processed", stats.Processed);
                    w.WriteNumber("failed", stats.Failed);
                    w.WriteNumber("ready", ready);
                    w.WriteNumber("inFlight", running);
                    w.WriteNumber("scheduled", scheduled);
                    w.WriteNumber("dead", dead);
                    w.WriteNumber("queues", queues.Count);
                    w.WriteNumber("processes", processes.Count);
                    w.WriteNumber("busy", busy);
                    w.WriteNumber("concurrency", concurrency);
                    w.WriteStartArray("days");
                    foreach (var day in stats.Days)
                    {
                        w.WriteStartObject();
                        w.WriteString("day", day.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                        w.WriteNumber("processed", day.Processed);
                        w.WriteNumber("failed", day.Failed);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return;
            }

            var o = context.Output;
            o.WriteLine($"Processed  {Formats.Count(stats.Processed)}");
            o.WriteLine($"Failed     {Formats.Count(stats.Failed)}");
            o.WriteLine($"Ready      {Formats.Count(ready)} in {queues.Count} {(queues.Count == 1 ? "queue" : "queues")}");
            o.WriteLine($"Running    {Formats.Count(running)}");
            o.WriteLine($"Scheduled  {Formats.Count(scheduled)} (retries included)");
            o.WriteLine($"Dead       {Formats.Count(dead)}");
            o.WriteLine($"Workers    {processes.Count} {(processes.Count == 1 ? "process" : "processes")}, {busy} of {concurrency} processors busy");
            if (stats.Days.Count > 0)
            {
                o.WriteLine();
                var table = new Table("DAY", "PROCESSED", "FAILED").AlignRight(1, 2);
                foreach (var day in stats.Days)
                {
                    table.Add(day.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Formats.Count(day.Processed), Formats.Count(day.Failed));
                }

                table.WriteTo(o);
            }
        });
        return command;
    }

    public static Command Processes()
    {
        var command = new Command("processes", "Worker processes alive now (by their heartbeat)");
        command.SetBody(async (context, _, ct) =>
        {
            var monitor = await context.MonitorAsync().ConfigureAwait(false);
            var processes = (await monitor.GetProcessesAsync(ct).ConfigureAwait(false)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
            if (context.Json)
            {
                JsonOut.Write(context.Output, w =>
                {
                    w.WriteStartArray();
                    foreach (var p in processes)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", p.Id);
                        w.WriteString("host", p.Host);
                        w.WriteNumber("pid", p.Pid);
                        w.WriteStartArray("queues");
                        foreach (var q in p.Queues)
                        {
                            w.WriteStringValue(q);
                        }

                        w.WriteEndArray();
                        w.WriteNumber("busy", p.Busy);
                        w.WriteNumber("concurrency", p.Concurrency);
                        w.Time("startedAt", p.StartedAt);
                        w.WriteString("version", p.Version);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
                return;
            }

            if (processes.Count == 0)
            {
                context.Output.WriteLine("No worker processes.");
                return;
            }

            var table = new Table("PROCESS", "HOST", "PID", "BUSY", "UP", "VERSION", "QUEUES").AlignRight(2, 3, 4);
            foreach (var p in processes)
            {
                table.Add(p.Id, p.Host, p.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{p.Busy}/{p.Concurrency}", Formats.Duration(context.Now - p.StartedAt), p.Version, string.Join(", ", p.Queues));
            }

            table.WriteTo(context.Output);
        });
        return command;
    }
}
