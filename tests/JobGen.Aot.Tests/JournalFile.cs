using System.Diagnostics;
using System.Globalization;

namespace JobGen.Aot.Tests;

/// <summary>The file a worker started with <c>--journal FILE</c> writes one line per finished sample job to.</summary>
internal sealed class JournalFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jobgen-journal-").FullName;

    public string Path => System.IO.Path.Combine(_directory, "journal.txt");

    /// <summary>The entries written so far, each with the Unix time (ms) it was written at.</summary>
    public IReadOnlyList<(long UnixMs, string Entry)> Read()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var result = new List<(long, string)>();
        while (reader.ReadLine() is { } line)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && long.TryParse(line.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            {
                result.Add((ms, line[(space + 1)..]));
            }
        }

        return result;
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> entries were written; throws early, with the worker's output,
    /// when the worker exits, and after <paramref name="timeout"/> (no xunit here: tests/JobGen.Aot.Measure compiles
    /// this file too).
    /// </summary>
    public async Task<IReadOnlyList<(long UnixMs, string Entry)>> WaitForAsync(int count, ChildProcess worker, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var entries = Read();
            if (entries.Count >= count)
            {
                return entries;
            }

            if (worker.HasExited)
            {
                throw new InvalidOperationException($"the worker exited ({worker.ExitCode}) after {entries.Count} of {count} jobs:{Environment.NewLine}{worker.Output}");
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{entries.Count} of {count} jobs done after {timeout.TotalSeconds} s. Worker output:{Environment.NewLine}{worker.Output}");
            }

            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
