using System.Security.Cryptography;
using System.Text;

namespace JobGen;

/// <summary>
/// Signs envelopes with the newest signing key and checks them against every listed key (HMAC-SHA256). The
/// signature is the envelope map's last entry, key <see cref="EnvelopeKeys.Signature"/>, and covers every byte of
/// the payload before that entry (the map header included, so no entry can be added, removed or changed). Its value
/// is one bin: the key id's length (1 byte), the key id (ASCII) and the 32-byte MAC. See docs/security.md.
/// </summary>
internal sealed class EnvelopeSigner
{
    public const int MacSize = 32;

    private readonly (byte[] Id, byte[] Secret)[] _keys;

    // One HMAC context per key and thread, reset after each use: the one-shot HMACSHA256.HashData sets up a new
    // context (an OpenSSL algorithm fetch under a process-wide lock) on every call, which costs more than the hash.
    private readonly ThreadLocal<IncrementalHash?[]> _hashes;

    private EnvelopeSigner((byte[] Id, byte[] Secret)[] keys)
    {
        _keys = keys;
        _hashes = new ThreadLocal<IncrementalHash?[]>(() => new IncrementalHash?[keys.Length]);
    }

    /// <summary>The signer of <paramref name="options"/>' signing keys, or null when none are listed (signing off).</summary>
    public static EnvelopeSigner? From(JobSecurityOptions? options)
    {
        if (options is null || options.SigningKeys.Count == 0)
        {
            return null;
        }

        var errors = new List<string>();
        var keys = KeyRingParser.Parse(options.SigningKeys, "SigningKeys", minSecret: 32, maxSecret: 1024, errors);
        return errors.Count == 0 ? new EnvelopeSigner(keys) : throw new InvalidOperationException(string.Join(" ", errors));
    }

    /// <summary>The id of the key that signs.</summary>
    public string SigningKeyId => Encoding.ASCII.GetString(_keys[0].Id);

    /// <summary>The bytes the signature entry adds, at most (key, bin8 header, value).</summary>
    public int MaxEntrySize => 1 + 2 + 1 + _keys[0].Id.Length + MacSize;

    /// <summary>Appends the signature entry over <paramref name="covered"/> (everything written before it).</summary>
    public void Append(ref SpanMessagePackWriter w, ReadOnlySpan<byte> covered)
    {
        var id = _keys[0].Id;
        Span<byte> value = stackalloc byte[1 + KeyRingParser.MaxIdLength + MacSize];
        value[0] = (byte)id.Length;
        id.CopyTo(value[1..]);
        Mac(0, covered, value.Slice(1 + id.Length, MacSize));
        w.WriteFixInt(EnvelopeKeys.Signature);
        w.WriteBinary(value[..(1 + id.Length + MacSize)]);
    }

    /// <summary>
    /// Checks the decoded envelope's signature over its payload; null when it is valid, else why not (the text of
    /// the dead job's message: it names the key id, never a secret).
    /// </summary>
    public string? Verify(ReadOnlySpan<byte> payload, JobEnvelope envelope)
    {
        if (envelope.SignedLength < 0)
        {
            return "The envelope is not signed; this worker runs only envelopes signed by a key of JobGen:Security:SigningKeys.";
        }

        var value = envelope.SignatureValue.Span;
        if (value.Length < 1 + MacSize || value[0] == 0 || value.Length != 1 + value[0] + MacSize)
        {
            return "The envelope's signature is malformed.";
        }

        var id = value.Slice(1, value[0]);
        for (var k = 0; k < _keys.Length; k++)
        {
            if (!id.SequenceEqual(_keys[k].Id))
            {
                continue;
            }

            Span<byte> mac = stackalloc byte[MacSize];
            Mac(k, payload[..envelope.SignedLength], mac);
            return CryptographicOperations.FixedTimeEquals(mac, value[(1 + id.Length)..])
                ? null
                : $"The envelope's signature (key '{Printable(id)}') does not match its content.";
        }

        return $"The envelope is signed with key '{Printable(id)}', which is not in JobGen:Security:SigningKeys.";
    }

    private void Mac(int key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hashes = _hashes.Value!;
        var hash = hashes[key] ??= IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _keys[key].Secret);
        hash.AppendData(data);
        hash.GetHashAndReset(destination);
    }

    // A forged key id is attacker-chosen text: keep it short and printable in the dead set.
    private static string Printable(ReadOnlySpan<byte> id)
    {
        var builder = new StringBuilder(id.Length);
        foreach (var b in id[..Math.Min(id.Length, KeyRingParser.MaxIdLength)])
        {
            builder.Append(b is >= 0x20 and < 0x7f ? (char)b : '?');
        }

        return builder.ToString();
    }
}
