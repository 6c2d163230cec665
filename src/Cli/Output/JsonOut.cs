using System.Text.Json;

namespace JobGen.Cli.Output;

/// <summary>
/// <c>--json</c> output: one JSON document on stdout, written with <see cref="Utf8JsonWriter"/> (no reflection).
/// Property names are camelCase, times ISO 8601 UTC, durations in seconds.
/// </summary>
internal static class JsonOut
{
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    public static void Time(this Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            writer.WriteString(name, v.ToUniversalTime());
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void Envelope(this Utf8JsonWriter writer, JobEnvelope? envelope)
    {
        if (envelope is null)
        {
            writer.WriteNull("envelope");
            return;
        }

        writer.WriteStartObject("envelope");
        writer.WriteString("id", envelope.Id);
        writer.WriteString("job", envelope.Job);
        writer.WriteString("queue", envelope.Queue);
        writer.WriteNumber("attempt", envelope.Attempt);
        writer.WriteNumber("maxAttempts", envelope.MaxAttempts);
        writer.Time("createdAt", envelope.CreatedAt);
        writer.Time("enqueuedAt", envelope.EnqueuedAt);
        writer.WriteString("lastError", envelope.LastError);
        writer.WriteNumber("argumentBytes", envelope.Arguments.Length);
        writer.WriteStartObject("headers");
        foreach (var header in envelope.Headers.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            writer.WriteString(header.Key, header.Value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
