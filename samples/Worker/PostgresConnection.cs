using Npgsql;

namespace SampleWorker;

/// <summary>The <c>--postgres</c> connection string: checked at start so a malformed one gets a message naming the option.</summary>
public static class PostgresConnection
{
    /// <summary>Returns <paramref name="connectionString"/> when Npgsql can parse it; throws <see cref="FormatException"/> naming the option.</summary>
    public static string Validate(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return connectionString;
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"--postgres must be an Npgsql connection string such as \"Host=127.0.0.1;Username=app;Database=app\": {e.Message}", e);
        }
    }

    /// <summary>Host, port and database, never the password.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }
}
