using System.Collections;
using System.Globalization;
using System.Reflection;

namespace JobGen.Generator.Tests;

/// <summary>
/// Exact structural comparison for round trips: DateTime kind, DateTimeOffset offset, decimal scale and
/// float bits count; collections compare element-wise whatever their concrete type; user types by public members.
/// </summary>
internal static class DeepEquality
{
    /// <summary>Null when equal, else where and how they differ.</summary>
    public static string? Difference(object? expected, object? actual, string path = "value")
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }

        switch (expected)
        {
            case string s:
                return actual is string t && string.Equals(s, t, StringComparison.Ordinal) ? null : $"{path}: expected string of {s.Length}, got {Show(actual)}";
            case DateTime d:
                return actual is DateTime a && a.Ticks == d.Ticks && a.Kind == d.Kind ? null : $"{path}: expected {d:O} ({d.Kind}), got {Show(actual)}";
            case DateTimeOffset o:
                return actual is DateTimeOffset b && o.EqualsExact(b) ? null : $"{path}: expected {o:O}, got {Show(actual)}";
            case decimal m:
                return actual is decimal n && m == n && m.ToString(CultureInfo.InvariantCulture) == n.ToString(CultureInfo.InvariantCulture) ? null : $"{path}: expected {m}, got {Show(actual)}";
            case double x:
                return actual is double y && BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y) ? null : $"{path}: expected {x:R}, got {Show(actual)}";
            case float f:
                return actual is float g && BitConverter.SingleToInt32Bits(f) == BitConverter.SingleToInt32Bits(g) ? null : $"{path}: expected {f:R}, got {Show(actual)}";
            case Half h:
                return actual is Half i && BitConverter.HalfToInt16Bits(h) == BitConverter.HalfToInt16Bits(i) ? null : $"{path}: expected {h}, got {Show(actual)}";
            case Uri u:
                return actual is Uri v && u.IsAbsoluteUri == v.IsAbsoluteUri && string.Equals(u.OriginalString, v.OriginalString, StringComparison.Ordinal) ? null : $"{path}: expected {u.OriginalString}, got {Show(actual)}";
            case IDictionary dictionary:
                return Dictionaries(dictionary, actual, path);
            case IEnumerable sequence:
                return Sequences(sequence, actual, path);
        }

        var type = expected.GetType();
        if (type != actual.GetType())
        {
            return $"{path}: expected a {type.Name}, got a {actual.GetType().Name}";
        }

        if (type.IsPrimitive || type.IsEnum || expected is Guid or TimeSpan or DateOnly or TimeOnly or Int128 or UInt128 or Version)
        {
            return expected.Equals(actual) ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }

        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(p => p.GetIndexParameters().Length == 0))
        {
            if (Difference(property.GetValue(expected), property.GetValue(actual), path + "." + property.Name) is { } d)
            {
                return d;
            }
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public))
        {
            if (Difference(field.GetValue(expected), field.GetValue(actual), path + "." + field.Name) is { } d)
            {
                return d;
            }
        }

        return null;
    }

    private static string? Dictionaries(IDictionary expected, object actual, string path)
    {
        if (actual is not IDictionary other || other.Count != expected.Count)
        {
            return $"{path}: expected a dictionary of {expected.Count}, got {Show(actual)}";
        }

        foreach (DictionaryEntry entry in expected)
        {
            if (!other.Contains(entry.Key))
            {
                return $"{path}: key '{entry.Key}' missing";
            }

            if (Difference(entry.Value, other[entry.Key], $"{path}[{entry.Key}]") is { } d)
            {
                return d;
            }
        }

        return null;
    }

    private static string? Sequences(IEnumerable expected, object actual, string path)
    {
        if (actual is not IEnumerable other || actual is string)
        {
            return $"{path}: expected a sequence, got {Show(actual)}";
        }

        var a = expected.Cast<object?>().ToList();
        var b = other.Cast<object?>().ToList();
        if (a.Count != b.Count)
        {
            return $"{path}: expected {a.Count} elements, got {b.Count}";
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (Difference(a[i], b[i], $"{path}[{i}]") is { } d)
            {
                return d;
            }
        }

        return null;
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"string of {s.Length}",
        _ => $"{value} ({value.GetType().Name})",
    };
}
