namespace JobGen.Storage;

/// <summary>
/// The dead-job record's fields: the map's integer keys and the format version, written by
/// <see cref="DeadJob.Serialize"/> and read by <see cref="DeadJob.Deserialize"/> with the envelope's span writer and
/// reader. Never reuse a number: records stay in dead sets for months.
/// </summary>
internal static class DeadJobKeys
{
    public const int FormatVersion = 1;

    public const int Version = 0, JobId = 1, Job = 2, Queue = 3, DiedAt = 4, Reason = 5,
        Message = 6, ExceptionType = 7, StackTrace = 8, Payload = 9;
}
