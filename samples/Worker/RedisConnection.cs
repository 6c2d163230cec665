using StackExchange.Redis;

namespace SampleWorker;

/// <summary>Connects to Redis once at start and proves it answers, so a wrong address fails fast and clearly.</summary>
public static class RedisConnection
{
    /// <summary>Connects and PINGs; on failure returns null and a one-line reason.</summary>
    public static async Task<(IConnectionMultiplexer? Connection, string? Error)> ConnectAsync(string configuration)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException e)
        {
            return (null, $"invalid --redis '{configuration}': {e.Message}");
        }

        options.AbortOnConnectFail = true;   // only for this first connect: fail now rather than retry forever
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 5000);
        options.ConnectRetry = 1;
        try
        {
            var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
            await connection.GetDatabase().PingAsync().ConfigureAwait(false);
            return (connection, null);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or System.Net.Sockets.SocketException)
        {
            // StackExchange.Redis's own message is a paragraph of advice; the failure type and the socket error say it.
            var reason = e is RedisConnectionException rce
                ? rce.FailureType + (Innermost(e) is { } inner && inner != e ? $" ({inner.Message})" : "")
                : e.Message.ReplaceLineEndings(" ");
            return (null, $"cannot reach Redis at '{configuration}': {reason}");
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
