using System.Diagnostics;

namespace JobGen.TestServers;

/// <summary>
/// A private redis-server on a free 127.0.0.1 port with its own temp directory, no persistence unless asked
/// (<c>--save '' --appendonly no</c>, extra args come after and win). Can be killed and started again on the
/// same port and directory (restart tests). Disposing kills it and deletes the directory.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly string[] _extraArgs;
    private Process? _process;

    private RedisServer(int port, string directory, string[] extraArgs)
    {
        Port = port;
        Directory = directory;
        _extraArgs = extraArgs;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>Its working directory (AOF and RDB files).</summary>
    public string Directory { get; }

    /// <summary>A StackExchange.Redis configuration string for it (add password=/user= when the server needs them).</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Starts a server; <paramref name="extraArgs"/> are redis-server options such as <c>--requirepass</c>, <c>secret</c>.</summary>
    public static Task<RedisServer> StartAsync(params string[] extraArgs) => StartAsync(FreePorts.Next(), extraArgs);

    /// <summary>Starts a server on <paramref name="port"/>.</summary>
    public static async Task<RedisServer> StartAsync(int port, params string[] extraArgs)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("jobgen-redis-").FullName;
        var server = new RedisServer(port, directory, extraArgs);
        try
        {
            await server.RestartAsync().ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>(Re)starts the process on the same port and directory and waits until it answers.</summary>
    public async Task RestartAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("redis-server is still running; Kill it first.");
        }

        var start = new ProcessStartInfo(RedisTools.Find("redis-server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory,
        };
        string[] args = ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", Directory, "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no", .. _extraArgs];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var output = new System.Text.StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilAnsweringAsync(Port, process, () => { lock (output) { return output.ToString(); } }).ConfigureAwait(false);
    }

    /// <summary>Kills the process (SIGKILL, like a crash) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still being released: the OS temp cleaner takes it.
        }
    }

    /// <summary>Waits (bounded) until a server on <paramref name="port"/> answers PING, failing early when the process died.</summary>
    internal static async Task WaitUntilAnsweringAsync(int port, Process process, Func<string> log)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(StartTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server on port {port} exited with {process.ExitCode}: {log()}");
            }

            // Any reply but LOADING means it serves commands (NOAUTH included, when a password is set).
            var reply = await RedisTools.TryCommandAsync(port, "PING", CancellationToken.None).ConfigureAwait(false);
            if (reply is not null && !reply.StartsWith("-LOADING", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        throw new TimeoutException($"redis-server on port {port} did not answer PING within {StartTimeout.TotalSeconds} s: {log()}");
    }
}
