using System.CommandLine;
using JobGen.Cli.Output;
using JobGen.Storage.PostgreSql;
using Npgsql;

namespace JobGen.Cli.Commands;

/// <summary><c>schedules</c> (recurring schedules) and <c>migrate</c> (PostgreSQL schema).</summary>
internal static class SchemaCommands
{
    public static Command Schedules()
    {
        var command = new Command("schedules", "Recurring schedules with their last and next tick");
        command.SetBody(async (context, _, ct) =>
        {
            var schedules = await new RecurringJobClient(await context.StorageAsync().ConfigureAwait(false)).GetAllAsync(ct).ConfigureAwait(false);
            if (context.Json)
            {
                JsonOut.Write(context.Output, w =>
                {
                    w.WriteStartArray();
                    foreach (var s in schedules)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", s.Name);
                        w.WriteString("cron", s.Cron);
                        w.WriteString("timeZone", s.TimeZone);
                        w.WriteString("queue", s.Queue);
                        w.WriteString("job", s.Job);
                        w.WriteBoolean("declared", s.Declared);
                        w.Time("lastTick", s.LastTick);
                        w.Time("nextTick", s.NextTick);
                        w.WriteString("error", s.Error);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
                return;
            }

            if (schedules.Count == 0)
            {
                context.Output.WriteLine("No recurring schedules.");
                return;
            }

            var now = context.Now;
            var table = new Table("NAME", "CRON", "ZONE", "JOB", "QUEUE", "LAST TICK", "NEXT TICK");
            foreach (var s in schedules)
            {
                var next = s.Error is not null ? "invalid: " + s.Error : s.NextTick is { } n ? Formats.Relative(n, now) : "-";
                table.Add(s.Name, s.Cron, s.TimeZone, s.Job, s.Queue, s.LastTick is { } l ? Formats.Relative(l, now) : "never", next);
            }

            table.WriteTo(context.Output);
        });
        return command;
    }

    public static Command Migrate()
    {
        var command = new Command("migrate", "Create or upgrade the PostgreSQL schema to this version's (Redis needs no migration)");
        command.SetBody(async (context, _, ct) =>
        {
            if (context.Target.Resolved != StorageKind.Postgres)
            {
                throw new CliException("migrate applies to PostgreSQL only; the connection string names Redis, which needs no migration (use --storage postgres if it is PostgreSQL).", ExitCodes.Usage);
            }

            await using var dataSource = NpgsqlDataSource.Create(context.Target.PostgresConnectionString());
            var migrator = new PostgreSqlMigrator(dataSource, context.Target.Prefix);
            var before = await migrator.GetVersionAsync(ct).ConfigureAwait(false);
            await migrator.MigrateAsync(ct).ConfigureAwait(false);
            var after = await migrator.GetVersionAsync(ct).ConfigureAwait(false);
            if (context.Json)
            {
                JsonOut.Write(context.Output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("schema", context.Target.Prefix);
                    w.WriteNumber("from", before);
                    w.WriteNumber("to", after);
                    w.WriteEndObject();
                });
                return;
            }

            context.Output.WriteLine(before == after
                ? $"Schema {context.Target.Prefix} is at version {after}, the latest: nothing to do."
                : $"Schema {context.Target.Prefix} migrated from version {before} to {after}.");
        });
        return command;
    }
}
