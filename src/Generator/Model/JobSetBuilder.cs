using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using JobGen.Generator.Parsing;

namespace JobGen.Generator.Model;

/// <summary>
/// Turns the assembly's valid jobs into a <see cref="JobSetModel"/>: drops jobs whose id is not unique (the
/// analyzers report JG0003), resolves method-name collisions and unions the formatter types.
/// </summary>
internal static class JobSetBuilder
{
    public static JobSetModel Build(ImmutableArray<JobModel> jobs, string assemblyName, string? chosenClassName = null)
    {
        var unique = jobs
            .GroupBy(j => j.JobId, StringComparer.Ordinal)
            .Where(g => g.Count() == 1)
            .Select(g => g.First())
            .OrderBy(j => j.JobId, StringComparer.Ordinal)
            .ToList();

        var names = AssignNames(unique);
        var types = new SortedDictionary<string, ArgumentTypeModel>(StringComparer.Ordinal);
        foreach (var job in unique)
        {
            foreach (var type in job.ArgumentTypes)
            {
                if (!types.ContainsKey(type.Name))
                {
                    types.Add(type.Name, type);
                }
            }
        }

        return new JobSetModel(
            assemblyName,
            Prefix(assemblyName),
            EquatableArray.From(unique.Select((j, i) => new NamedJobModel(j, names[i]))),
            EquatableArray.From(types.Values),
            JobsClassName.For(assemblyName, chosenClassName));
    }

    /// <summary>The sanitized assembly name (<see cref="JobsClassName.Prefix"/>).</summary>
    public static string Prefix(string assemblyName) => JobsClassName.Prefix(assemblyName);

    /// <summary>
    /// Method name; when several jobs share it, {ContainingType}{Method} for each of them; when those still
    /// collide, the containing type's full name without dots; then a 2, 3... suffix in job id order.
    /// </summary>
    private static string[] AssignNames(List<JobModel> jobs)
    {
        var names = jobs.Select(j => j.MethodName).ToArray();
        Disambiguate(names, i => jobs[i].ContainingTypeName + jobs[i].MethodName);
        Disambiguate(names, i => jobs[i].ContainingTypeDisplayName.Replace(".", "") + jobs[i].MethodName);
        Disambiguate(names, null);
        return names;
    }

    private static void Disambiguate(string[] names, Func<int, string>? rename)
    {
        var colliding = names
            .Select((name, i) => (name, i))
            .GroupBy(x => x.name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToList();
        foreach (var group in colliding)
        {
            var n = 1;
            foreach (var (name, i) in group)
            {
                names[i] = rename is null ? (n == 1 ? name : name + n.ToString(System.Globalization.CultureInfo.InvariantCulture)) : rename(i);
                n++;
            }
        }
    }
}
