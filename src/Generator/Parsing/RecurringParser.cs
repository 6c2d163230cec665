using System.Linq;
using Microsoft.CodeAnalysis;

namespace JobGen.Generator.Parsing;

/// <summary>
/// Reads <c>[Recurring]</c> on a job method. The generator keeps only valid schedules (the analyzers report the rest:
/// JG0012 cron, JG0013 time zone, JG0014 required arguments); the analyzers use <see cref="Read"/> for the values.
/// </summary>
internal static class RecurringParser
{
    public const string DefaultTimeZone = "UTC";

    /// <summary>The method's <c>[Recurring]</c> attribute, or null.</summary>
    public static AttributeData? FindAttribute(IMethodSymbol method) =>
        method.GetAttributes().FirstOrDefault(a => SymbolNames.Is(a.AttributeClass, "JobGen", "RecurringAttribute"));

    /// <summary>The attribute's cron expression, time zone and missed-ticks value as written.</summary>
    public static (string? Cron, string? TimeZone, int MissedTicks) Read(AttributeData attribute)
    {
        var cron = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        string? zone = DefaultTimeZone;
        var missed = 0;
        foreach (var named in attribute.NamedArguments)
        {
            switch (named.Key)
            {
                case "TimeZone":
                    zone = named.Value.Value as string;
                    break;
                case "MissedTicks" when named.Value.Value is int value:
                    missed = value;
                    break;
            }
        }

        return (cron, zone, missed);
    }

    /// <summary>Whether the time zone id is one the runtime resolves on every machine: "UTC" or an IANA id.</summary>
    public static bool IsKnownTimeZone(string? id) => id is not null && IanaTimeZones.Ids.Contains(id);

    /// <summary>The schedule to emit, or null when there is none or it is invalid.</summary>
    public static RecurringModel? Parse(IMethodSymbol method)
    {
        if (FindAttribute(method) is not { } attribute)
        {
            return null;
        }

        var (cron, zone, missed) = Read(attribute);
        var required = method.Parameters.Any(p => !p.HasExplicitDefaultValue && !IsWorkerSupplied(p.Type));
        return cron is null || CronSyntax.Validate(cron) is not null || !IsKnownTimeZone(zone) || required
            ? null
            : new RecurringModel(cron, zone!, missed);
    }

    /// <summary>The parameters the worker supplies (not part of the payload).</summary>
    public static bool IsWorkerSupplied(ITypeSymbol type) =>
        SymbolNames.Is(type, "System.Threading", "CancellationToken") || SymbolNames.Is(type, "JobGen", "JobContext");
}
