using System.Text;

namespace JobGen.Generator.Parsing;

/// <summary>
/// The name of the class generated for an assembly's jobs, and so of its registration method
/// (<c>Add{ClassName}</c>). One rule for the generator and for the worker's start-up message that names the
/// method an app forgot to call (this file is compiled into both).
/// </summary>
internal static class JobsClassName
{
    /// <summary>Metadata name of the assembly attribute that chooses the class name.</summary>
    public const string AttributeMetadataName = "JobGen.JobsClassNameAttribute";

    /// <summary>
    /// The generated class name for <paramref name="assemblyName"/>: <c>Foo.Bar</c> gives <c>FooBarJobs</c>; a name that
    /// already ends in <c>Jobs</c> is not doubled (<c>Shop.Jobs</c> gives <c>ShopJobs</c>, not <c>ShopJobsJobs</c>).
    /// </summary>
    public static string For(string assemblyName)
    {
        var prefix = Prefix(assemblyName);
        return prefix.Length > Suffix.Length && prefix.EndsWith(Suffix, System.StringComparison.Ordinal) ? prefix : prefix + Suffix;
    }

    /// <summary>The name chosen with <c>[assembly: JobsClassName("...")]</c> when it is a valid identifier, else <see cref="For(string)"/>.</summary>
    public static string For(string assemblyName, string? chosen) => IsValid(chosen) ? chosen! : For(assemblyName);

    /// <summary>Whether <paramref name="name"/> can be the generated class's name: a plain C# identifier (letters, digits, '_', not starting with a digit).</summary>
    public static bool IsValid(string? name)
    {
        if (name is null || name.Length == 0 || char.IsDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private const string Suffix = "Jobs";

    /// <summary>The registration method: <c>Foo.Bar</c> gives <c>AddFooBarJobs</c>.</summary>
    public static string RegistrationMethod(string assemblyName) => "Add" + For(assemblyName);

    /// <summary>Letters, digits and '_' of the assembly name; '_' in front of a leading digit; "Assembly" when nothing is left.</summary>
    public static string Prefix(string assemblyName)
    {
        var sb = new StringBuilder();
        foreach (var c in assemblyName)
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                sb.Append(c);
            }
        }

        if (sb.Length == 0)
        {
            return "Assembly";
        }

        return char.IsDigit(sb[0]) ? "_" + sb : sb.ToString();
    }
}
