namespace JobGen.Testing;

public sealed partial class FakeJobClient
{
    /// <summary>
    /// Runs every job that is due on <see cref="Clock"/> now, one at a time, until none is left: jobs that running jobs
    /// enqueue included, and retries that fall due. Jobs scheduled later stay (advance the clock, or use
    /// <see cref="DrainAllAsync"/>). Returns how many runs it made.
    /// </summary>
    public async ValueTask<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var runs = 0;
        while (await _runner.RunNextAsync(cancellationToken).ConfigureAwait(false))
        {
            if (++runs >= MaxRunsPerDrain)
            {
                throw TooManyRuns();
            }
        }

        return runs;
    }

    /// <summary>
    /// Runs every stored job, moving <see cref="Clock"/> forward to each scheduled job and retry as it falls due, until
    /// nothing is ready or scheduled (what is left failed for good and is in the dead set). Returns how many runs it made.
    /// </summary>
    public async ValueTask<int> DrainAllAsync(CancellationToken cancellationToken = default)
    {
        var runs = 0;
        while (true)
        {
            while (await _runner.RunNextAsync(cancellationToken).ConfigureAwait(false))
            {
                if (++runs >= MaxRunsPerDrain)
                {
                    throw TooManyRuns();
                }
            }

            if (await _runner.NextDueAsync(cancellationToken).ConfigureAwait(false) is not { } next)
            {
                return runs;
            }

            if (next > Clock.GetUtcNow())
            {
                Clock.SetUtcNow(next);
            }
        }
    }

    // Inline mode: run what this enqueue made due, then surface a failure of any run it caused.
    private async ValueTask RunInlineAsync(int runsBefore, CancellationToken cancellationToken)
    {
        if (Mode != FakeJobMode.Inline)
        {
            return;
        }

        await DrainAsync(cancellationToken).ConfigureAwait(false);
        var failed = Runs.Skip(runsBefore).FirstOrDefault(r => r.Failed);
        if (failed is not null)
        {
            throw new JobAssertionException($"The job run inline failed: {failed}", failed.Exception!);
        }
    }

    private JobAssertionException TooManyRuns() =>
        new($"The drain made {MaxRunsPerDrain} runs and jobs are still due: does a job enqueue itself? Recent runs:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", Runs.TakeLast(5)));
}
