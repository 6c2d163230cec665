namespace JobGen.Runtime.Tests.Security;

/// <summary>Fixed test keys (never use these anywhere else).</summary>
internal static class SecurityKeys
{
    public static SecurityKey Key(string id, byte fill) => new() { Id = id, Key = Convert.ToBase64String(Enumerable.Repeat(fill, 32).ToArray()) };

    public static void Sign(JobGenOptions o, params SecurityKey[] keys)
    {
        foreach (var key in keys)
        {
            o.Security.SigningKeys.Add(key);
        }
    }

    public static EnvelopeSigner Signer(params SecurityKey[] keys)
    {
        var options = new JobSecurityOptions();
        foreach (var key in keys)
        {
            options.SigningKeys.Add(key);
        }

        return EnvelopeSigner.From(options)!;
    }

    public static byte[] Signed(EnvelopeSigner? signer, string id, string job, string arg, int attempt = 0) =>
        EnvelopeWriter.Write(
            new EnvelopeFields(id, job, JobKind.Once, JobDefaults.Queue, System.Text.Encoding.UTF8.GetBytes(arg), 1, 1, attempt, 3, null, new Dictionary<string, string>()),
            signer).ToArray();
}
