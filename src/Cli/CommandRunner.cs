using System.CommandLine;

namespace JobGen.Cli;

/// <summary>
/// Runs one command's body with a <see cref="CliContext"/> and turns failures into exit codes: an unreachable storage
/// is one line and 3, a <see cref="CliException"/> its own line and code, anything else one line and 1; the
/// exception itself only with <c>--verbose</c>.
/// </summary>
internal static class CommandRunner
{
    public static void SetBody(this Command command, Func<CliContext, ParseResult, CancellationToken, Task> body) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, body, cancellationToken));

    private static async Task<int> RunAsync(ParseResult parse, Func<CliContext, ParseResult, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var verbose = parse.GetValue(GlobalOptions.Verbose);
        var connection = parse.GetValue(GlobalOptions.Connection) ?? Environment.GetEnvironmentVariable(GlobalOptions.ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            error.WriteLine($"jobgen: no storage given: pass --connection or set {GlobalOptions.ConnectionVariable}.");
            return ExitCodes.Usage;
        }

        var target = new StorageTarget(StorageTarget.Parse(parse.GetValue(GlobalOptions.Storage)), connection, parse.GetValue(GlobalOptions.Prefix) ?? "jobgen");
        try
        {
            await using var context = new CliContext(target, parse.GetValue(GlobalOptions.Json), output, TimeProvider.System);
            await body(context, parse, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (CliException ex)
        {
            error.WriteLine("jobgen: " + ex.Message);
            return ex.ExitCode;
        }
        catch (Exception ex) when (StorageTarget.IsUnreachable(ex))
        {
            error.WriteLine($"jobgen: cannot reach {target.Describe()}: {FirstSentence(ex)}");
            Details(error, ex, verbose);
            return ExitCodes.Unreachable;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("jobgen: " + FirstLine(ex));
            Details(error, ex, verbose);
            return ExitCodes.Failed;
        }
    }

    private static string FirstLine(Exception ex) => ex.Message.ReplaceLineEndings(" ").Trim();

    // Client libraries append advice meant for application code ("use abortConnect=false..."): keep the first sentence.
    private static string FirstSentence(Exception ex)
    {
        var line = FirstLine(ex);
        var end = line.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? line : line[..(end + 1)];
    }

    private static void Details(TextWriter error, Exception ex, bool verbose)
    {
        if (verbose)
        {
            error.WriteLine(ex.ToString());
        }
    }
}
