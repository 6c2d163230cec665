using System.Net.Sockets;
using JobGen.Storage;
using JobGen.Storage.PostgreSql;
using JobGen.Storage.Redis;
using Npgsql;
using StackExchange.Redis;

namespace JobGen.Cli;

/// <summary>The two storages the CLI reads.</summary>
internal enum StorageKind
{
    Auto,
    Redis,
    Postgres,
}

/// <summary>
/// Which storage a connection string names and how to open it. Without <c>--storage</c>, a PostgreSQL URI
/// (<c>postgres://</c>, <c>postgresql://</c>) or a key/value string with <c>Host=</c> or <c>Server=</c> is PostgreSQL;
/// anything else (<c>host:port,password=...</c>, StackExchange.Redis's form) is Redis.
/// </summary>
internal sealed record StorageTarget(StorageKind Kind, string Connection, string Prefix)
{
    /// <summary>The <c>--storage</c> values.</summary>
    public static readonly string[] Names = ["auto", "redis", "postgres"];

    public static StorageKind Parse(string? name) => name switch
    {
        "redis" => StorageKind.Redis,
        "postgres" => StorageKind.Postgres,
        _ => StorageKind.Auto,
    };

    public static StorageKind Detect(string connection)
    {
        var text = connection.TrimStart();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return StorageKind.Postgres;
        }

        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var key = part.Split('=', 2)[0].Trim();
            if (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase))
            {
                return StorageKind.Postgres;
            }
        }

        return StorageKind.Redis;
    }

    public StorageKind Resolved => Kind == StorageKind.Auto ? Detect(Connection) : Kind;

    /// <summary>Connects (Redis: fails within a few seconds when the server does not answer; PostgreSQL: at the first query).</summary>
    public async Task<IJobStorage> OpenAsync()
    {
        if (Resolved == StorageKind.Postgres)
        {
            return PostgreSqlJobStorage.Create(PostgresConnectionString(), new PostgreSqlStorageOptions { Schema = Prefix });
        }

        return await RedisJobStorage.ConnectAsync(new RedisStorageOptions
        {
            Configuration = Connection,
            KeyPrefix = Prefix,
            ConfigureConnection = c =>
            {
                // A CLI says "unreachable" rather than wait for a reconnect. A refused connection fails at once; the
                // timeout (10 s unless the string sets connectTimeout) only bounds a host that does not answer.
                c.AbortOnConnectFail = true;
                c.ConnectRetry = 1;
                if (!Connection.Contains("connectTimeout=", StringComparison.OrdinalIgnoreCase))
                {
                    c.ConnectTimeout = 10_000;
                }
            },
        }).ConfigureAwait(false);
    }

    /// <summary>The PostgreSQL connection string, a URI turned into Npgsql's key/value form.</summary>
    public string PostgresConnectionString()
    {
        if (!Uri.TryCreate(Connection, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
        {
            return Connection;
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
        if (uri.UserInfo.Split(':', 2) is [var user, .. var rest] && user.Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(user);
            if (rest is [var password])
            {
                builder.Password = Uri.UnescapeDataString(password);
            }
        }

        var database = uri.AbsolutePath.Trim('/');
        if (database.Length > 0)
        {
            builder.Database = Uri.UnescapeDataString(database);
        }

        return builder.ConnectionString;
    }

    /// <summary>True when <paramref name="exception"/> says the storage could not be reached (not that it refused the request).</summary>
    public static bool IsUnreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RedisConnectionException or RedisTimeoutException or SocketException or TimeoutException:
                    return true;
                case PostgresException:
                    return false; // the server answered
                case NpgsqlException { InnerException: null or SocketException or IOException or TimeoutException }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Where the storage is, for messages (no password).</summary>
    public string Describe()
    {
        if (Resolved == StorageKind.Postgres)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString());
                return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
            }
            catch (ArgumentException)
            {
                return "PostgreSQL";
            }
        }

        return "Redis " + Connection.Split(',')[0];
    }
}
