namespace JobGen;

/// <summary>
/// Envelope signing and argument encryption (section <c>JobGen:Security</c>; see docs/security.md). Both are off
/// until keys are listed. Each list is a key ring: the first key is the newest and protects new payloads; every
/// listed key is accepted when reading, so a key is rotated by listing the new one first and removing the old one
/// once nothing it protected is left.
/// </summary>
public sealed class JobSecurityOptions
{
    /// <summary>HMAC-SHA256 keys: clients sign every envelope, workers run only envelopes signed by a listed key.</summary>
    public IList<SecurityKey> SigningKeys { get; set; } = [];

    /// <summary>AES-256-GCM keys for <c>[Sensitive]</c> job arguments.</summary>
    public IList<SecurityKey> SensitiveKeys { get; set; } = [];
}
