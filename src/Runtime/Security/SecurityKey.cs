namespace JobGen;

/// <summary>
/// One key of a key ring (<see cref="JobSecurityOptions.SigningKeys"/>, <see cref="JobSecurityOptions.SensitiveKeys"/>):
/// an id that travels with every payload it protects, and the secret itself, base64 (at least 32 bytes).
/// </summary>
public sealed class SecurityKey
{
    /// <summary>The key's id, written next to every signature or ciphertext it makes: 1 to 64 ASCII letters, digits, '-', '_' or '.'.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The secret, base64; signing keys at least 32 bytes, encryption keys exactly 32 bytes (AES-256).</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>The id only: the secret never appears in logs or exceptions.</summary>
    public override string ToString() => Id;
}
