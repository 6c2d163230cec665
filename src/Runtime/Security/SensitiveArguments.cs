using System.Buffers;
using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using MessagePack;

namespace JobGen;

/// <summary>
/// Encrypts and decrypts <c>[Sensitive]</c> values for generated code. A sensitive value is written by its normal
/// formatter into a scratch buffer, then stored as a MessagePack extension (type <see cref="ExtensionType"/>):
/// format byte 1, key id length, key id (ASCII), 12-byte nonce, 16-byte tag, ciphertext. The job id and the parameter
/// name are the associated data, so a ciphertext cannot be moved to another job or argument. A plain (non-extension)
/// value is read as it is: payloads written before the argument became sensitive still run. docs/security.md.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SensitiveArguments
{
    /// <summary>The MessagePack extension type of an encrypted value.</summary>
    public const sbyte ExtensionType = 74;

    internal const int NonceSize = 12, TagSize = 16;
    private const byte Format = 1;

    /// <summary>Writes one value with its generated formatter.</summary>
    public delegate void ValueWriter<in T>(ref MessagePackWriter writer, T value);

    /// <summary>Reads one value with its generated formatter.</summary>
    public delegate T ValueReader<out T>(ref MessagePackReader reader);

    /// <summary>Writes <paramref name="value"/> encrypted under the newest sensitive key.</summary>
    public static void Write<T>(ref MessagePackWriter writer, string job, string parameter, T value, ValueWriter<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var ring = SensitiveKeyRing.Current ?? throw new InvalidOperationException(
            $"Argument '{parameter}' of job '{job}' is [Sensitive], but JobGen:Security:SensitiveKeys lists no key (docs/security.md).");
        var plain = new ArrayBufferWriter<byte>(64);
        var inner = new MessagePackWriter(plain);
        write(ref inner, value);
        inner.Flush();

        var (id, secret) = ring.Newest;
        var size = 2 + id.Length + NonceSize + TagSize + plain.WrittenCount;
        var sealedValue = new byte[size];
        sealedValue[0] = Format;
        sealedValue[1] = (byte)id.Length;
        id.CopyTo(sealedValue.AsSpan(2));
        var nonce = sealedValue.AsSpan(2 + id.Length, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = SensitiveKeyRing.Cipher(secret))
        {
            aes.Encrypt(nonce, plain.WrittenSpan, sealedValue.AsSpan(2 + id.Length + NonceSize + TagSize), sealedValue.AsSpan(2 + id.Length + NonceSize, TagSize),
                SensitiveKeyRing.AssociatedData(job, parameter));
        }

        plain.Clear(); // zeroes the plain text
        writer.WriteExtensionFormat(new ExtensionResult(ExtensionType, sealedValue));
    }

    /// <summary>Reads a value written by <see cref="Write"/> (or a plain one written before it was sensitive).</summary>
    public static T Read<T>(ref MessagePackReader reader, string job, string parameter, ValueReader<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (reader.NextMessagePackType != MessagePackType.Extension)
        {
            return read(ref reader);
        }

        var header = reader.ReadExtensionFormatHeader();
        if (header.TypeCode != ExtensionType)
        {
            throw new MessagePackSerializationException($"Argument '{parameter}' is an extension of type {header.TypeCode}, not an encrypted value.");
        }

        var sealedValue = reader.ReadRaw(header.Length).ToArray();
        if (sealedValue.Length < 2 || sealedValue[0] != Format || sealedValue.Length < 2 + sealedValue[1] + NonceSize + TagSize)
        {
            throw new MessagePackSerializationException($"Argument '{parameter}' is a malformed encrypted value.");
        }

        var id = sealedValue.AsSpan(2, sealedValue[1]);
        if (SensitiveKeyRing.Current is not { } ring || !ring.TryFind(id, out var secret))
        {
            throw new SensitiveKeyException(job, parameter, Printable(id));
        }

        var at = 2 + id.Length;
        var plain = new byte[sealedValue.Length - at - NonceSize - TagSize];
        try
        {
            using var aes = SensitiveKeyRing.Cipher(secret);
            aes.Decrypt(sealedValue.AsSpan(at, NonceSize), sealedValue.AsSpan(at + NonceSize + TagSize), sealedValue.AsSpan(at + NonceSize, TagSize), plain,
                SensitiveKeyRing.AssociatedData(job, parameter));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new MessagePackSerializationException($"Argument '{parameter}' does not decrypt with key '{Printable(id)}' (altered, or written for another job or argument).");
        }

        var inner = new MessagePackReader(plain);
        var value = read(ref inner);
        CryptographicOperations.ZeroMemory(plain);
        return value;
    }

    private static string Printable(ReadOnlySpan<byte> id)
    {
        var text = new StringBuilder(id.Length);
        foreach (var b in id)
        {
            text.Append(b is >= 0x20 and < 0x7f ? (char)b : '?');
        }

        return text.ToString();
    }
}
