namespace JobGen.Testing;

/// <summary>
/// A failed JobGen test assertion (nothing enqueued that matches, a value that does not survive encoding, a drain
/// that never ends). Every test framework reports an unhandled exception as a failed test, with this message.
/// </summary>
public sealed class JobAssertionException : Exception
{
    /// <summary>A failed assertion described by <paramref name="message"/>.</summary>
    public JobAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>A failed assertion described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public JobAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
