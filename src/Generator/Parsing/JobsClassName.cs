using System.Text;

namespace JobGen.Generator.Parsing;

/// <summary>
/// The name of the class generated for an assembly's jobs, and so of its registration method
/// (<c>Add{ClassName}</c>). One rule for the generator and for the worker's start-up message that names the
/// method an app forgot to call (this file is compiled into both).
/// </summary>
internal static class JobsClassName
{
    /// <summary>The generated class name for <paramref name="assemblyName"/>: <c>Foo.Bar</c> gives <c>FooBarJobs</c>.</summary>
    public static string For(string assemblyName) => Prefix(assemblyName) + "Jobs";

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
