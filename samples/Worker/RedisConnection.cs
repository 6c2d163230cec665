using StackExchange.Redis;

namespace SampleWorker;

/// <summary>Connects to Redis once at start and proves it answers, so a wrong address fails fast and clearly.</summary>
public static class RedisConnection
{
    /// <summary>Connects once and PINGs; returns null when Redis answered, else a one-line reason.</summary>
    public static async Task<string?> PingAsync(string configuration)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException e)
        {
            return $"invalid --redis '{configuration}': {e.Message}";
        }

        options.AbortOnConnectFail = true;   // only for this first connect: fail now rather than retry forever
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 5000);
        options.ConnectRetry = 1;
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
            await connection.GetDatabase().PingAsync().ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or System.Net.Sockets.SocketException)
        {
            // StackExchange.Redis's own message is a paragraph of advice; the failure type and the socket error say it.
            var reason = e is RedisConnectionException rce
                ? rce.FailureType + (Innermost(e) is { } inner && inner != e ? $" ({inner.Message})" : "")
                : e.Message.ReplaceLineEndings(" ");
            return $"cannot reach Redis at '{configuration}': {reason}";
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e;
    }
}
