using System.Globalization;
using System.Text;
using SampleApp;

namespace SampleWorker;

/// <summary>
/// Appends each journal entry as one line <c>UNIX_MS entry</c> to a file, flushed at once, so that a test or
/// the measurement script sees every finished job and when it finished.
/// </summary>
public sealed class FileJobJournal : IJobJournal, IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly StreamWriter _writer;
    private readonly TimeProvider _time;

    /// <summary>Opens <paramref name="path"/> for appending.</summary>
    public FileJobJournal(string path, TimeProvider time)
    {
        _time = time;
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(string entry, CancellationToken cancellationToken)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{_time.GetUtcNow().ToUnixTimeMilliseconds()} {entry}");
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Dispose();
        _lock.Dispose();
    }
}
