using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using JobGen.Analyzers.Jobs;
using Microsoft.CodeAnalysis.Text;

namespace JobGen.Analyzers.Manifest;

/// <summary>
/// Reads and writes <c>JobGen.Shipped.txt</c> (format in docs/analyzers.md): one job per line,
/// <c>id(name:type, name:type=default)</c>, sorted by id, followed by <c> @ "cron" Zone</c> (and <c> skip</c>) for a
/// job with a <c>[Recurring]</c> schedule; blank lines and lines starting with '#' are ignored.
/// </summary>
internal static class ManifestFormat
{
    public const string FileName = "JobGen.Shipped.txt";

    /// <summary>The manifest line for a job as the code declares it now.</summary>
    public static string Format(JobDescription job) =>
        job.JobId + "(" + string.Join(", ", job.Arguments.Select(a =>
            a.Name + ":" + a.TypeName + (a.DefaultValue is null ? string.Empty : "=" + a.DefaultValue))) + ")"
        + (job.Schedule is null ? string.Empty : ScheduleSeparator + job.Schedule);

    private const string ScheduleSeparator = " @ ";

    /// <summary>How the manifest records a recurring schedule: <c>"cron" Zone</c>, plus <c> skip</c> when missed ticks are skipped.</summary>
    public static string? Schedule(JobGen.Generator.Parsing.RecurringModel? recurring) =>
        recurring is null ? null : "\"" + recurring.Cron + "\" " + recurring.TimeZone + (recurring.MissedTicks == 1 ? " skip" : string.Empty);

    /// <summary>The entry a job's current declaration would have.</summary>
    public static ManifestEntry ToEntry(JobDescription job) => new(
        job.JobId,
        job.Arguments.Select(a => new ManifestArgument(a.Name, a.TypeName, a.DefaultValue)).ToImmutableArray(),
        default,
        job.Schedule);

    /// <summary>Parses every line; a line that is not an entry becomes an error with its span.</summary>
    public static (ImmutableArray<ManifestEntry> Entries, ImmutableArray<(TextSpan Span, string Reason)> Errors) Parse(SourceText text)
    {
        var entries = ImmutableArray.CreateBuilder<ManifestEntry>();
        var errors = ImmutableArray.CreateBuilder<(TextSpan, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Lines)
        {
            var content = line.ToString().Trim();
            if (content.Length == 0 || content[0] == '#')
            {
                continue;
            }

            if (ParseLine(content, line.Span) is not { } entry)
            {
                errors.Add((line.Span, "expected id(name:type, ...)"));
            }
            else if (!seen.Add(entry.JobId))
            {
                errors.Add((line.Span, $"job '{entry.JobId}' is listed twice"));
            }
            else
            {
                entries.Add(entry);
            }
        }

        return (entries.ToImmutable(), errors.ToImmutable());
    }

    /// <summary>Replaces (or inserts, sorted by id) the line of <paramref name="jobId"/>; a null line removes it.</summary>
    public static string WithLine(string manifest, string jobId, string? newLine)
    {
        var lines = manifest.Replace("\r\n", "\n").Split('\n').ToList();
        if (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        lines.RemoveAll(l => IdOf(l) == jobId);
        if (newLine is not null)
        {
            var index = lines.FindIndex(l => IdOf(l) is { } id && string.CompareOrdinal(id, jobId) > 0);
            lines.Insert(index < 0 ? lines.Count : index, newLine);
        }

        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    private static string? IdOf(string line)
    {
        var trimmed = line.Trim();
        var open = trimmed.IndexOf('(');
        return trimmed.Length == 0 || trimmed[0] == '#' || open <= 0 ? null : trimmed.Substring(0, open).Trim();
    }

    private static ManifestEntry? ParseLine(string content, TextSpan span)
    {
        string? schedule = null;
        var at = content.LastIndexOf(")" + ScheduleSeparator + "\"", StringComparison.Ordinal);
        if (at > 0)
        {
            schedule = content.Substring(at + 1 + ScheduleSeparator.Length).Trim();
            content = content.Substring(0, at + 1);
        }

        var open = content.IndexOf('(');
        if (open <= 0 || content[content.Length - 1] != ')')
        {
            return null;
        }

        var id = content.Substring(0, open).Trim();
        var inner = content.Substring(open + 1, content.Length - open - 2);
        var arguments = ImmutableArray.CreateBuilder<ManifestArgument>();
        foreach (var part in SplitTopLevel(inner, ','))
        {
            var text = part.Trim();
            if (text.Length == 0 && inner.Trim().Length == 0)
            {
                continue;
            }

            var colon = text.IndexOf(':');
            if (colon <= 0)
            {
                return null;
            }

            var rest = text.Substring(colon + 1);
            var equals = SplitTopLevel(rest, '=');
            var type = equals[0].Trim();
            if (type.Length == 0)
            {
                return null;
            }

            var defaultValue = equals.Count > 1 ? rest.Substring(equals[0].Length + 1).Trim() : null;
            arguments.Add(new ManifestArgument(text.Substring(0, colon).Trim(), type, defaultValue));
        }

        return new ManifestEntry(id, arguments.ToImmutable(), span, schedule);
    }

    /// <summary>Splits at <paramref name="separator"/> outside brackets and string or char literals.</summary>
    private static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '<' or '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is '>' or ')' or ']' or '}')
            {
                depth--;
            }
            else if (c == separator && depth == 0)
            {
                parts.Add(text.Substring(start, i - start));
                start = i + 1;
            }
        }

        parts.Add(text.Substring(start));
        return parts;
    }
}
