namespace JobGen;

/// <summary>
/// Encrypts this job argument (or this member of a <c>[MessagePackObject]</c> argument) with AES-256-GCM under the
/// newest key of <c>JobGen:Security:SensitiveKeys</c>: the storage, the dead set and the dashboard only ever see the
/// ciphertext (shown as <c>[sensitive]</c>); the worker decrypts it just before the call. See docs/security.md.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
public sealed class SensitiveAttribute : Attribute
{
}
