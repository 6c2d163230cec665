using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace JobGen.Storage.Redis;

/// <summary>
/// One Lua script, sent as EVALSHA by its SHA-1 and, when the server answers NOSCRIPT (first use on that node,
/// a restart, SCRIPT FLUSH), once as EVAL, which also caches it on that node. Keys are always passed as KEYS so
/// the client routes the call to the slot's node on Redis Cluster.
/// </summary>
internal sealed class RedisScript
{
    private readonly byte[] _sha1;

    public RedisScript(string name, string text)
    {
        Name = name;
        Text = text;
        _sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(text));
    }

    public string Name { get; }

    public string Text { get; }

    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync db, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return await db.ScriptEvaluateAsync(_sha1, keys, values).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await db.ScriptEvaluateAsync(Text, keys, values).ConfigureAwait(false);
        }
    }
}
