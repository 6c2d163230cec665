using System.Text;

namespace JobGen;

/// <summary>
/// Turns configured <see cref="SecurityKey"/> entries into (id, secret) pairs, or says which entry is wrong (the
/// message names the configuration key and the id, never the secret).
/// </summary>
internal static class KeyRingParser
{
    public const int MaxIdLength = 64;

    public static (byte[] Id, byte[] Secret)[] Parse(IList<SecurityKey> keys, string section, int minSecret, int maxSecret, List<string> errors)
    {
        var parsed = new List<(byte[], byte[])>(keys.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var where = $"JobGen:Security:{section}:{i}";
            if (key is null || !IsValidId(key.Id))
            {
                errors.Add($"{where}:Id must be 1 to {MaxIdLength} ASCII letters, digits, '-', '_' or '.'; it is '{key?.Id}'.");
                continue;
            }

            if (!seen.Add(key.Id))
            {
                errors.Add($"{where}:Id '{key.Id}' is listed twice.");
                continue;
            }

            var secret = new byte[(key.Key?.Length ?? 0) * 3 / 4 + 3];
            if (!Convert.TryFromBase64String(key.Key ?? string.Empty, secret, out var length) || length < minSecret || length > maxSecret)
            {
                var size = minSecret == maxSecret ? $"exactly {minSecret}" : $"at least {minSecret}";
                errors.Add($"{where}:Key (id '{key.Id}') must be base64 of {size} random bytes (e.g. `openssl rand -base64 32`).");
                continue;
            }

            parsed.Add((Encoding.ASCII.GetBytes(key.Id), secret.AsSpan(0, length).ToArray()));
        }

        return [.. parsed];
    }

    private static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
