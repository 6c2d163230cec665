using System.CommandLine;
using System.CommandLine.Parsing;
using JobGen.Cli.Commands;

namespace JobGen.Cli;

/// <summary>
/// The <c>jobgen</c> command tree. Bad arguments print the error and the command's usage on stderr and exit with 2;
/// see <see cref="CommandRunner"/> for the other exit codes and docs/cli.md for every command.
/// </summary>
internal static class JobGenCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("jobgen: look at and operate a JobGen storage (Redis or PostgreSQL)")
        {
            GlobalOptions.Connection,
            GlobalOptions.Storage,
            GlobalOptions.Prefix,
            GlobalOptions.Json,
            GlobalOptions.Verbose,
            OverviewCommands.Stats(),
            QueueCommands.Queues(),
            OverviewCommands.Processes(),
            JobListCommands.Scheduled(),
            JobListCommands.Retries(),
            DeadCommands.Dead(),
            QueueCommands.Pause(),
            QueueCommands.Resume(),
            SchemaCommands.Schedules(),
            SchemaCommands.Migrate(),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = Build();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 || (parse.CommandResult.Command.Subcommands.Count > 0 && parse.Action is null))
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine("jobgen: " + parseError.Message);
            }

            if (parse.Errors.Count == 0)
            {
                error.WriteLine($"jobgen: '{CommandPath(parse.CommandResult)}' needs a subcommand.");
            }

            error.WriteLine();
            root.Parse([.. CommandPath(parse.CommandResult).Split(' ').Skip(1), "--help"]).Invoke(new InvocationConfiguration { Output = error });
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).ConfigureAwait(false);
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult command)
            {
                names.Add(command.Command.Name);
            }
        }

        names.Reverse();
        names[0] = "jobgen";
        return string.Join(' ', names);
    }
}
