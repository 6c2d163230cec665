using System.ComponentModel;
using System.Text;

namespace JobGen.Testing;

/// <summary>
/// <c>jobs.AssertEnqueued</c>: the generated extension methods on it (one per job, named like the job's
/// <c>Enqueue{Name}Async</c>) pass when a recorded enqueue matches and return it; otherwise they throw
/// <see cref="JobAssertionException"/> listing what was enqueued.
/// </summary>
public sealed class EnqueuedJobAssertions
{
    private readonly FakeJobClient _client;

    internal EnqueuedJobAssertions(FakeJobClient client) => _client = client;

    /// <summary>
    /// The first recorded enqueue of <paramref name="job"/> (on <paramref name="queue"/> when given) whose arguments
    /// satisfy <paramref name="matches"/>; else throws. <paramref name="expected"/> is the expected call's text and
    /// <paramref name="encodingNote"/> explains expected values that change in encoding. Called by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public EnqueuedJob Match(string job, string? queue, string expected, Func<ReadOnlyMemory<byte>, bool> matches, Func<string?> encodingNote)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(encodingNote);
        var recorded = _client.Enqueued;
        foreach (var enqueued in recorded)
        {
            if (JobAssertionText.IsCandidate(enqueued, job, queue) && matches(enqueued.Arguments))
            {
                return enqueued;
            }
        }

        var message = new StringBuilder()
            .Append("Expected ").Append(JobAssertionText.Expected(expected, queue)).AppendLine(" to have been enqueued, but no enqueued job matches.");
        JobAssertionText.AppendNote(message, encodingNote());
        JobAssertionText.AppendRecorded(message, recorded);
        throw new JobAssertionException(message.ToString());
    }
}

/// <summary>
/// <c>jobs.AssertNotEnqueued</c>: the generated extension methods on it throw <see cref="JobAssertionException"/>
/// when a recorded enqueue matches, naming it.
/// </summary>
public sealed class NotEnqueuedJobAssertions
{
    private readonly FakeJobClient _client;

    internal NotEnqueuedJobAssertions(FakeJobClient client) => _client = client;

    /// <summary>Throws when a recorded enqueue of <paramref name="job"/> matches (see <see cref="EnqueuedJobAssertions.Match"/>). Called by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Match(string job, string? queue, string expected, Func<ReadOnlyMemory<byte>, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var recorded = _client.Enqueued;
        foreach (var enqueued in recorded)
        {
            if (JobAssertionText.IsCandidate(enqueued, job, queue) && matches(enqueued.Arguments))
            {
                var message = new StringBuilder()
                    .Append("Expected ").Append(JobAssertionText.Expected(expected, queue)).AppendLine(" not to have been enqueued, but this was:")
                    .Append("  ").AppendLine(enqueued.ToString());
                JobAssertionText.AppendRecorded(message, recorded);
                throw new JobAssertionException(message.ToString());
            }
        }
    }
}

/// <summary>The shared wording of assertion failures.</summary>
internal static class JobAssertionText
{
    public static bool IsCandidate(EnqueuedJob enqueued, string job, string? queue) =>
        string.Equals(enqueued.Job, job, StringComparison.Ordinal)
        && (queue is null || string.Equals(enqueued.Queue, queue, StringComparison.Ordinal));

    public static string Expected(string expected, string? queue) =>
        expected + (queue is null ? "" : $" on queue \"{queue}\"");

    public static void AppendNote(StringBuilder message, string? note)
    {
        if (note is not null)
        {
            message.AppendLine(note);
        }
    }

    public static void AppendRecorded(StringBuilder message, IReadOnlyList<EnqueuedJob> recorded)
    {
        if (recorded.Count == 0)
        {
            message.Append("Nothing was enqueued.");
            return;
        }

        message.Append("Enqueued (").Append(recorded.Count).AppendLine("):");
        foreach (var enqueued in recorded)
        {
            message.Append("  ").AppendLine(enqueued.ToString());
        }
    }
}
