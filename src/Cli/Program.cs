using JobGen.Cli;

return await JobGenCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
