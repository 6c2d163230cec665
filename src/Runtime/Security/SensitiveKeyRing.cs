using System.Security.Cryptography;
using System.Text;

namespace JobGen;

/// <summary>
/// The AES-256-GCM keys of <c>[Sensitive]</c> arguments: the first encrypts, every listed one decrypts. One ring per
/// process, because the generated argument writers are static (<c>Create{Job}Request</c> has no service provider):
/// <c>AddJobGen</c> installs it when the client, the worker or the host start (docs/security.md).
/// </summary>
internal sealed class SensitiveKeyRing
{
    private static SensitiveKeyRing? s_current;

    private readonly (byte[] Id, byte[] Secret)[] _keys;

    private SensitiveKeyRing((byte[] Id, byte[] Secret)[] keys) => _keys = keys;

    /// <summary>The installed ring, or null when no sensitive key is configured.</summary>
    public static SensitiveKeyRing? Current => Volatile.Read(ref s_current);

    /// <summary>Installs the ring of <paramref name="options"/> (leaves the current one when it lists no key).</summary>
    public static void Install(JobSecurityOptions options)
    {
        if (options.SensitiveKeys.Count == 0)
        {
            return;
        }

        var errors = new List<string>();
        var keys = KeyRingParser.Parse(options.SensitiveKeys, "SensitiveKeys", minSecret: 32, maxSecret: 32, errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }

        Volatile.Write(ref s_current, new SensitiveKeyRing(keys));
    }

    /// <summary>Test hook: forgets the installed ring.</summary>
    internal static void Reset() => Volatile.Write(ref s_current, null);

    public (byte[] Id, byte[] Secret) Newest => _keys[0];

    public bool TryFind(ReadOnlySpan<byte> id, out byte[] secret)
    {
        foreach (var key in _keys)
        {
            if (id.SequenceEqual(key.Id))
            {
                secret = key.Secret;
                return true;
            }
        }

        secret = [];
        return false;
    }

    /// <summary>What the ciphertext is bound to: a value cannot be moved to another job or parameter.</summary>
    public static byte[] AssociatedData(string job, string parameter) => Encoding.UTF8.GetBytes(job + "\0" + parameter);

    public static AesGcm Cipher(byte[] secret) => new(secret, SensitiveArguments.TagSize);
}
