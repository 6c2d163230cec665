using System.Collections;

namespace JobGen.Testing;

/// <summary>
/// How an expected argument is compared with a decoded one: <c>Equals</c> (records, primitives, strings), and
/// arrays, lists and dictionaries element by element, since a decoded collection is always a new instance.
/// </summary>
public static class ArgumentEquality
{
    /// <summary>Whether <paramref name="expected"/> and <paramref name="actual"/> are the same argument value.</summary>
    public static bool AreEqual<T>(T expected, T actual) =>
        EqualityComparer<T>.Default.Equals(expected, actual) || SameElements(expected, actual);

    private static bool SameElements(object? expected, object? actual)
    {
        if (expected is null || actual is null || expected is string || actual is string)
        {
            return Equals(expected, actual);
        }

        if (expected is IDictionary left && actual is IDictionary right)
        {
            if (left.Count != right.Count)
            {
                return false;
            }

            foreach (DictionaryEntry entry in left)
            {
                if (!right.Contains(entry.Key) || !SameElements(entry.Value, right[entry.Key]))
                {
                    return false;
                }
            }

            return true;
        }

        if (expected is IEnumerable first && actual is IEnumerable second)
        {
            var a = first.GetEnumerator();
            var b = second.GetEnumerator();
            while (true)
            {
                var hasA = a.MoveNext();
                if (hasA != b.MoveNext())
                {
                    return false;
                }

                if (!hasA)
                {
                    return true;
                }

                if (!SameElements(a.Current, b.Current))
                {
                    return false;
                }
            }
        }

        return Equals(expected, actual);
    }
}
