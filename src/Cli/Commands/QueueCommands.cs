using System.CommandLine;
using JobGen.Cli.Output;

namespace JobGen.Cli.Commands;

/// <summary><c>queues</c>, <c>pause QUEUE</c>, <c>resume QUEUE</c>.</summary>
internal static class QueueCommands
{
    public static Command Queues()
    {
        var command = new Command("queues", "Every queue: ready, running, scheduled and dead jobs, latency, paused");
        command.SetBody(async (context, _, ct) =>
        {
            var monitor = await context.MonitorAsync().ConfigureAwait(false);
            var queues = await monitor.GetQueuesAsync(ct).ConfigureAwait(false);
            if (context.Json)
            {
                JsonOut.Write(context.Output, w =>
                {
                    w.WriteStartArray();
                    foreach (var q in queues)
                    {
                        w.WriteStartObject();
                        w.WriteString("queue", q.Queue);
                        w.WriteNumber("ready", q.Ready);
                        w.WriteNumber("inFlight", q.InFlight);
                        w.WriteNumber("scheduled", q.Scheduled);
                        w.WriteNumber("dead", q.Dead);
                        w.WriteNumber("latencySeconds", q.Latency.TotalSeconds);
                        w.WriteBoolean("paused", q.IsPaused);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
                return;
            }

            if (queues.Count == 0)
            {
                context.Output.WriteLine("No queues.");
                return;
            }

            var table = new Table("QUEUE", "READY", "RUNNING", "SCHEDULED", "DEAD", "LATENCY", "STATE").AlignRight(1, 2, 3, 4, 5);
            foreach (var q in queues)
            {
                table.Add(q.Queue, Formats.Count(q.Ready), Formats.Count(q.InFlight), Formats.Count(q.Scheduled), Formats.Count(q.Dead), Formats.Duration(q.Latency), q.IsPaused ? "paused" : "active");
            }

            table.WriteTo(context.Output);
        });
        return command;
    }

    public static Command Pause() => Toggle("pause", "Pause a queue: workers stop fetching from it (jobs keep arriving)", paused: true);

    public static Command Resume() => Toggle("resume", "Resume a paused queue", paused: false);

    private static Command Toggle(string name, string description, bool paused)
    {
        var queue = new Argument<string>("queue") { Description = "The queue's name" };
        var command = new Command(name, description) { queue };
        command.SetBody(async (context, parse, ct) =>
        {
            var name = parse.GetValue(queue)!;
            var monitor = await context.MonitorAsync().ConfigureAwait(false);
            if (paused)
            {
                await monitor.PauseQueueAsync(name, ct).ConfigureAwait(false);
            }
            else
            {
                await monitor.ResumeQueueAsync(name, ct).ConfigureAwait(false);
            }

            if (context.Json)
            {
                JsonOut.Write(context.Output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("queue", name);
                    w.WriteBoolean("paused", paused);
                    w.WriteEndObject();
                });
            }
            else
            {
                context.Output.WriteLine(paused ? $"Paused queue {name}: workers stop fetching from it." : $"Resumed queue {name}.");
            }
        });
        return command;
    }
}
