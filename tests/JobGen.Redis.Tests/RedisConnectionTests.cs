using System.Diagnostics;
using System.Text;
using JobGen.Storage;
using JobGen.Storage.Redis;
using JobGen.TestServers;
using StackExchange.Redis;

namespace JobGen.Redis.Tests;

/// <summary>Connection strings (password, ACL user) and surviving a Redis restart, each on its own redis-server.</summary>
public sealed class RedisConnectionTests
{
    private static readonly DateTimeOffset Deadline = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connects_with_the_default_user_password_from_the_configuration_string()
    {
        await using var server = await RedisServer.StartAsync("--requirepass", "s3cret");

        await using var storage = await RedisJobStorage.ConnectAsync(new() { Configuration = server.Configuration + ",password=s3cret", KeyPrefix = "auth" });

        await AssertRoundTripAsync(storage);
    }

    [Fact]
    public async Task Connects_as_an_acl_user_from_the_configuration_string()
    {
        await using var server = await RedisServer.StartAsync("--requirepass", "admin-pw");
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(server.Configuration + ",password=admin-pw"))
        {
            // A user limited to the storage's own keys.
            await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "jobs", "on", ">jobs-pw", "~acl:*", "+@all");
        }

        await using var storage = await RedisJobStorage.ConnectAsync(new() { Configuration = server.Configuration + ",user=jobs,password=jobs-pw", KeyPrefix = "acl" });

        await AssertRoundTripAsync(storage);
    }

    [Fact]
    public async Task Uses_the_database_index_of_the_configuration_string_for_storage_and_waiting()
    {
        await using var server = await RedisServer.StartAsync();
        await using var storage = await RedisJobStorage.ConnectAsync(new() { Configuration = server.Configuration + ",defaultDatabase=3,allowAdmin=true,name=db3", KeyPrefix = "db" });
        var waiting = storage.FetchAsync(["q"], 1, Deadline, TimeSpan.FromSeconds(30), Ct).AsTask();
        await RedisTestStorage.WaitUntilBlockedAsync(storage, "db3", "q");

        await storage.EnqueueAsync("q", "in-db-3"u8.ToArray(), Ct);

        // The blocking connection waits in database 3 too, or this wait would only end by its timeout.
        Assert.Single(await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        await using var inspect = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        Assert.True(await inspect.GetDatabase(3).KeyExistsAsync("db:{q:q}:inflight"));
        Assert.False(await inspect.GetDatabase(0).KeyExistsAsync("db:{q:q}:inflight"));
    }

    [Fact]
    public async Task Connects_over_tls_with_a_trusted_issuer()
    {
        var certs = Directory.CreateTempSubdirectory("jobgen-tls-").FullName;
        try
        {
            var cert = Path.Combine(certs, "cert.pem");
            var key = Path.Combine(certs, "key.pem");
            await RunAsync("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
            var tlsPort = FreePorts.Next();
            await using var server = await RedisServer.StartAsync(
                "--tls-port", tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--tls-cert-file", cert, "--tls-key-file", key, "--tls-auth-clients", "no");

            await using var storage = await RedisJobStorage.ConnectAsync(new()
            {
                Configuration = $"127.0.0.1:{tlsPort},ssl=true,sslHost=localhost,allowAdmin=true,name=tls",
                KeyPrefix = "tls",
                ConfigureConnection = o => o.TrustIssuer(cert),
            });

            await AssertRoundTripAsync(storage);
            var waiting = storage.FetchAsync(["q"], 1, Deadline, TimeSpan.FromSeconds(30), Ct).AsTask();
            await RedisTestStorage.WaitUntilBlockedAsync(storage, "tls", "q");
            await storage.EnqueueAsync("q", "over-tls"u8.ToArray(), Ct);
            Assert.Single(await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct));

            // Without trusting the issuer, the self-signed certificate is refused.
            await using var untrusting = await RedisJobStorage.ConnectAsync(new()
            {
                Configuration = $"127.0.0.1:{tlsPort},ssl=true,sslHost=localhost,connectTimeout=500,asyncTimeout=500",
                KeyPrefix = "tls",
            });
            await Assert.ThrowsAnyAsync<RedisException>(async () => await untrusting.EnqueueAsync("q", "x"u8.ToArray(), Ct));
        }
        finally
        {
            Directory.Delete(certs, recursive: true);
        }
    }

    [Fact]
    public async Task A_wrong_password_fails_the_command_instead_of_passing_silently()
    {
        await using var server = await RedisServer.StartAsync("--requirepass", "right");

        await using var storage = await RedisJobStorage.ConnectAsync(new() { Configuration = server.Configuration + ",password=wrong,connectTimeout=500,asyncTimeout=500", KeyPrefix = "auth" });

        await Assert.ThrowsAnyAsync<RedisException>(async () => await storage.EnqueueAsync("q", "x"u8.ToArray(), Ct));
    }

    [Fact]
    public async Task The_same_storage_works_again_after_redis_restarts_and_keeps_what_was_enqueued()
    {
        await using var server = await RedisServer.StartAsync("--appendonly", "yes", "--appendfsync", "always");
        await using var storage = await RedisJobStorage.ConnectAsync(new() { Configuration = server.Configuration, KeyPrefix = "restart" });
        await storage.EnqueueAsync("q", Encoding.UTF8.GetBytes("before"), Ct);
        await storage.EnqueueAsync("q", Encoding.UTF8.GetBytes("also-before"), Ct);
        Assert.Single(await storage.FetchAsync(["q"], 1, Deadline, TimeSpan.Zero, Ct));

        await server.KillAsync();
        await server.RestartAsync();

        // Reconnecting takes a moment: retry (bounded) until the same instance answers, then everything works.
        var fetched = await RetryUntilConnectedAsync(() => storage.FetchAsync(["q"], 5, Deadline, TimeSpan.Zero, Ct).AsTask());
        Assert.Equal(["also-before"], fetched.Select(j => Encoding.UTF8.GetString(j.Payload.Span)));
        Assert.True(await storage.AckAsync(fetched[0], Ct));
        await storage.EnqueueAsync("q", Encoding.UTF8.GetBytes("after"), Ct);
        var after = await storage.FetchAsync(["q"], 5, Deadline, TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(["after"], after.Select(j => Encoding.UTF8.GetString(j.Payload.Span)));
        // "before" (leased before the restart) and "after" are both still leased: the lease survived too.
        Assert.Equal((2L, 0L), await InFlightAndReadyAsync(storage, "q"));
    }

    [Fact]
    public async Task A_fetch_waiting_across_a_restart_ends_and_the_next_one_gets_work_enqueued_after_it()
    {
        await using var server = await RedisServer.StartAsync();
        await using var storage = await RedisJobStorage.ConnectAsync(new() { Configuration = server.Configuration, KeyPrefix = "wait-restart", MaxBlockingWait = TimeSpan.FromMilliseconds(300) });
        var waiting = storage.FetchAsync(["q"], 1, Deadline, TimeSpan.FromSeconds(30), Ct).AsTask();

        await server.KillAsync();
        await server.RestartAsync();
        await RetryUntilConnectedAsync(async () => { await storage.EnqueueAsync("q", "late"u8.ToArray(), Ct); return 0; });

        // The parked fetch either reports the lost connection (the worker's loop logs it and fetches again) or,
        // when it was already reconnected, returns the job; it never hangs past its bound.
        IReadOnlyList<FetchedJob> jobs;
        try
        {
            jobs = await waiting.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        }
        catch (RedisException)
        {
            jobs = await RetryUntilConnectedAsync(() => storage.FetchAsync(["q"], 1, Deadline, TimeSpan.FromSeconds(5), Ct).AsTask());
        }

        Assert.Equal(["late"], jobs.Select(j => Encoding.UTF8.GetString(j.Payload.Span)));
    }

    private static async Task RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await error}");
    }

    private static async Task AssertRoundTripAsync(RedisJobStorage storage)
    {
        await storage.EnqueueAsync("q", "hello"u8.ToArray(), Ct);
        var job = Assert.Single(await storage.FetchAsync(["q"], 1, Deadline, TimeSpan.FromSeconds(5), Ct));
        Assert.True(await storage.AckAsync(job, Ct));
        Assert.Equal(["q"], await storage.GetQueuesAsync(Ct));
    }

    private static async Task<(long InFlight, long Ready)> InFlightAndReadyAsync(IJobStorage storage, string queue)
    {
        var counts = await storage.GetQueueCountsAsync(queue, Ct);
        return (counts.InFlight, counts.Ready);
    }

    private static async Task<T> RetryUntilConnectedAsync<T>(Func<Task<T>> action)
    {
        var until = Stopwatch.GetTimestamp() + 20 * Stopwatch.Frequency;
        while (true)
        {
            try
            {
                return await action();
            }
            catch (RedisException) when (Stopwatch.GetTimestamp() < until)
            {
                await Task.Delay(50, Ct);
            }
        }
    }
}
