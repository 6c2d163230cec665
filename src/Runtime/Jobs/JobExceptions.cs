namespace JobGen;

/// <summary>The payload names a job id that no registered dispatcher knows. The job goes to the dead set.</summary>
public sealed class UnknownJobException : Exception
{
    public UnknownJobException(string job)
        : base($"No job with id '{job}' is registered in this worker. Was it renamed or removed, or is its assembly's Add...Jobs() registration missing?")
    {
        Job = job;
    }

    /// <summary>The unknown job id.</summary>
    public string Job { get; }
}

/// <summary>The job's payload (envelope or arguments) could not be decoded. The job goes to the dead set.</summary>
public sealed class JobPayloadException : Exception
{
    public JobPayloadException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Wraps a decode failure of one job's arguments.</summary>
    public static JobPayloadException ForArguments(string job, Exception inner) =>
        new($"The arguments of job '{job}' do not match its schema: {inner.Message}", inner);
}
