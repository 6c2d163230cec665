using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace JobGen.TestServers;

/// <summary>Finds redis-server and redis-cli, and talks the few raw commands the helpers need before any client exists.</summary>
public static class RedisTools
{
    /// <summary>The path of <paramref name="tool"/> on PATH; throws (never skips) with the fix when it is missing.</summary>
    public static string Find(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, tool);
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"'{tool}' was not found on PATH. The Redis tests need a real redis-server: run ./test.sh, which installs it (apt-get install redis-server redis-tools).");
    }

    /// <summary>Sends one inline command to 127.0.0.1:<paramref name="port"/> and returns the first reply line, or null when nothing answers.</summary>
    public static async Task<string?> TryCommandAsync(int port, string command, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), cancellationToken).ConfigureAwait(false);
            var buffer = new byte[4096];
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return read == 0 ? null : Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (SocketException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Runs redis-cli with <paramref name="args"/> and returns its output; throws with the output when it fails.</summary>
    public static async Task<string> CliAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Find("redis-cli")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-cli did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var text = await output.ConfigureAwait(false) + await error.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {text}");
        }

        return text;
    }
}
