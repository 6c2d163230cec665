namespace JobGen.Testing;

/// <summary>
/// What a generated assertion expects of one job argument: anything (the default, when the argument is left out),
/// a value (written as the value itself: <c>userId: 42</c>, converted implicitly), or a condition
/// (<c>userId: Arg.Is&lt;int&gt;(id =&gt; id &gt; 40)</c>). Values are compared with the decoded argument by
/// <c>Equals</c>, sequences element by element.
/// </summary>
/// <typeparam name="T">The argument's declared type.</typeparam>
public readonly struct Arg<T>
{
    private readonly T _value;
    private readonly Func<T, bool>? _condition;
    private readonly string? _description;

    private Arg(T value, Func<T, bool>? condition, string? description)
    {
        _value = value;
        _condition = condition;
        _description = description;
        IsSpecified = true;
    }

    /// <summary>Matches any value.</summary>
    public static Arg<T> Any => default;

    /// <summary>False when the argument was left out (matches any value).</summary>
    public bool IsSpecified { get; }

    /// <summary>The expected value, when this expects one (not a condition).</summary>
    public bool HasValue => IsSpecified && _condition is null;

    /// <summary>The expected value (default when <see cref="HasValue"/> is false).</summary>
    public T Value => _value;

    /// <summary>Expects exactly <paramref name="value"/>.</summary>
    public static implicit operator Arg<T>(T value) => new(value, null, null);

    /// <summary>Expects <paramref name="value"/>.</summary>
    public static Arg<T> FromValue(T value) => value;

    internal static Arg<T> Where(Func<T, bool> condition, string description) => new(default!, condition, description);

    /// <summary>Whether <paramref name="actual"/>, the decoded argument, matches.</summary>
    public bool Matches(T actual) =>
        !IsSpecified || (_condition is { } condition ? condition(actual) : ArgumentEquality.AreEqual(_value, actual));

    /// <inheritdoc />
    public override string ToString() =>
        !IsSpecified ? "(any)" : _condition is not null ? _description ?? "(a condition)" : ArgumentText.Format(_value);
}

/// <summary>Conditions on job arguments for the generated assertions.</summary>
public static class Arg
{
    /// <summary>Matches an argument for which <paramref name="condition"/> returns true.</summary>
    public static Arg<T> Is<T>(Func<T, bool> condition, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(condition))] string? description = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Arg<T>.Where(condition, description ?? "(a condition)");
    }

    /// <summary>Matches any value of the argument.</summary>
    public static Arg<T> Any<T>() => default;
}
