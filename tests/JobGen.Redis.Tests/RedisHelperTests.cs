using JobGen.TestServers;

namespace JobGen.Redis.Tests;

/// <summary>The test helpers themselves: a missing tool fails loudly with the fix, and the helper servers really run.</summary>
public sealed class RedisHelperTests
{
    [Fact]
    public void A_missing_redis_tool_fails_with_the_command_that_installs_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RedisTools.Find("redis-server-that-does-not-exist"));

        Assert.Contains("run ./test.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_server_answers_on_loopback_and_is_gone_after_dispose()
    {
        var server = await RedisServer.StartAsync();
        var port = server.Port;

        Assert.StartsWith("+PONG", await RedisTools.TryCommandAsync(port, "PING", TestContext.Current.CancellationToken));
        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("save\n\n", await RedisTools.CliAsync(["-p", portText, "CONFIG", "GET", "save"], TestContext.Current.CancellationToken));
        Assert.Equal("appendonly\nno\n", await RedisTools.CliAsync(["-p", portText, "CONFIG", "GET", "appendonly"], TestContext.Current.CancellationToken));
        await server.DisposeAsync();

        Assert.Null(await RedisTools.TryCommandAsync(port, "PING", TestContext.Current.CancellationToken));
        Assert.False(Directory.Exists(server.Directory));
    }
}
