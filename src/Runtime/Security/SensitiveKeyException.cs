namespace JobGen;

/// <summary>
/// A <c>[Sensitive]</c> argument is encrypted under a key that <c>JobGen:Security:SensitiveKeys</c> does not list (it
/// was removed too early, or the payload is forged). The job goes to the dead set with reason <c>UnknownKey</c>, its
/// ciphertext kept: list the key again and retry it.
/// </summary>
public sealed class SensitiveKeyException : Exception
{
    public SensitiveKeyException(string job, string parameter, string keyId)
        : base($"Argument '{parameter}' of job '{job}' is encrypted with key '{keyId}', which is not in JobGen:Security:SensitiveKeys.")
    {
        KeyId = keyId;
    }

    /// <summary>The id of the missing key.</summary>
    public string KeyId { get; }
}
