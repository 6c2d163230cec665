using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SampleWorker;

/// <summary>
/// The sample worker's own settings, read from the "Worker" configuration section (appsettings.json, then
/// environment variables such as <c>Worker__Redis</c>, then the command line; last one wins). Parsed by hand so
/// that a wrong value gets a message naming the option. Null means "not given": JobGen's own setting applies
/// (section <c>JobGen:Worker</c>, or its default). <see cref="Postgres"/>, when given, switches the jobs' storage
/// from Redis to PostgreSQL.
/// </summary>
public sealed record WorkerSettings(
    string Redis,
    IReadOnlyList<QueueWeight>? Queues,
    int? Concurrency,
    TimeSpan? ShutdownTimeout,
    string? Journal,
    string? Postgres = null)
{
    /// <summary>Where the jobs live, for the start line (a PostgreSQL connection string without its password).</summary>
    public string StorageDescription => Postgres is null ? $"redis={Redis}" : $"postgres={PostgresConnection.Describe(Postgres)}";

    /// <summary>The configuration section the settings live in.</summary>
    public const string Section = "Worker";

    /// <summary>Reads and validates the settings; throws <see cref="FormatException"/> naming the bad option.</summary>
    public static WorkerSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var redis = section["Redis"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            redis = "127.0.0.1:6379";
        }

        var queues = string.IsNullOrWhiteSpace(section["Queues"]) ? null : QueueWeight.ParseList(section["Queues"]!);
        var concurrency = ParseInt(section["Concurrency"], "--concurrency", min: 1, max: 1000);
        var shutdownTimeout = ParseDuration(section["ShutdownTimeout"], "--shutdown-timeout");
        var journal = section["Journal"];
        var postgres = section["Postgres"];
        return new WorkerSettings(redis, queues, concurrency, shutdownTimeout, string.IsNullOrWhiteSpace(journal) ? null : journal)
        {
            Postgres = string.IsNullOrWhiteSpace(postgres) ? null : PostgresConnection.Validate(postgres),
        };
    }

    private static int? ParseInt(string? text, string option, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new FormatException($"{option} must be a whole number from {min} to {max}, not '{text}'.");
        }

        return value;
    }

    /// <summary>Seconds ("30", "2.5"), with a unit ("30s", "500ms", "2m") or a TimeSpan ("00:00:30").</summary>
    private static TimeSpan? ParseDuration(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        var (number, scale) = t.EndsWith("ms", StringComparison.Ordinal) ? (t[..^2], 0.001)
            : t.EndsWith('s') ? (t[..^1], 1.0)
            : t.EndsWith('m') ? (t[..^1], 60.0)
            : (t, 1.0);
        if (double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0 && amount <= 3600 / scale)
        {
            return TimeSpan.FromSeconds(amount * scale);
        }

        if (TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero && span <= TimeSpan.FromHours(1))
        {
            return span;
        }

        throw new FormatException($"{option} must be a duration up to one hour such as 30, 30s, 500ms, 2m or 00:00:30, not '{text}'.");
    }
}
