using System.Collections.Generic;

namespace JobGen.Analyzers.Manifest;

/// <summary>
/// Compares a shipped entry with the job's current declaration, the way the generated formatter reads a payload:
/// positionally. A payload written by the shipped version must still decode, and mean the same, after the change.
/// </summary>
internal static class ManifestComparer
{
    /// <summary>
    /// The breaking changes (JG0010) and the compatible differences (JG0011: the manifest should be updated).
    /// </summary>
    public static (List<string> Breaking, List<string> Compatible) Compare(ManifestEntry shipped, ManifestEntry current)
    {
        var breaking = new List<string>();
        var compatible = new List<string>();
        var s = shipped.Arguments;
        var c = current.Arguments;
        var renamedTo = new HashSet<string>();
        for (var i = 0; i < s.Length; i++)
        {
            var was = s[i];
            var at = IndexOf(c, was.Name);
            if (at < 0)
            {
                if (i < c.Length && IndexOf(s, c[i].Name) < 0 && c[i].WireType == was.WireType)
                {
                    renamedTo.Add(c[i].Name);
                    compatible.Add($"argument '{was.Name}' renamed to '{c[i].Name}'");
                }
                else
                {
                    breaking.Add($"argument '{was.Name}' was removed");
                }
            }
            else if (at != i)
            {
                breaking.Add($"argument '{was.Name}' moved from position {i + 1} to {at + 1}");
            }
            else if (WireCompatibility.Compare(was.Type, c[at].Type) is { } change)
            {
                (change.Breaking ? breaking : compatible).Add($"argument '{was.Name}' {change.What}");
            }
            else if (was.Type != c[at].Type || was.DefaultValue != c[at].DefaultValue)
            {
                compatible.Add($"argument '{was.Name}' changed from {Describe(was)} to {Describe(c[at])}");
            }
        }

        for (var j = 0; j < c.Length; j++)
        {
            var now = c[j];
            if (IndexOf(s, now.Name) >= 0 || renamedTo.Contains(now.Name))
            {
                continue;
            }

            if (j < s.Length)
            {
                breaking.Add($"argument '{now.Name}' was inserted at position {j + 1} (only appending is compatible)");
            }
            else if (now.DefaultValue is null)
            {
                breaking.Add($"argument '{now.Name}' was added without a default value");
            }
            else
            {
                compatible.Add($"argument '{now.Name}' was added with a default value");
            }
        }

        // A schedule is not part of the payload, but adding, changing or removing one is recorded, so that it is reviewed.
        if (shipped.Schedule != current.Schedule)
        {
            compatible.Add(current.Schedule is null ? $"its recurring schedule {shipped.Schedule} was removed"
                : shipped.Schedule is null ? $"has a recurring schedule {current.Schedule} not recorded"
                : $"its recurring schedule changed from {shipped.Schedule} to {current.Schedule}");
        }

        return (breaking, compatible);
    }

    private static int IndexOf(IReadOnlyList<ManifestArgument> arguments, string name)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Describe(ManifestArgument argument) =>
        argument.Type + (argument.DefaultValue is null ? string.Empty : "=" + argument.DefaultValue);
}
