using JobGen.Generator.Parsing;

namespace JobGen.Generator.Model;

/// <summary>Everything one assembly's generated file needs: its names, its jobs with their API names, and the formatter types.</summary>
/// <param name="AssemblyName">The compilation's assembly name (documentation only).</param>
/// <param name="Prefix">The sanitized assembly name: <c>Foo.Bar</c> gives <c>FooBar</c> (see docs/generator.md).</param>
/// <param name="Jobs">Valid jobs with unique ids, sorted by job id (Ordinal).</param>
/// <param name="Types">Every argument type of every job, once, sorted by name (Ordinal).</param>
/// <param name="ClassName">The generated class (<see cref="JobsClassName"/>); its registration method is <c>Add{ClassName}</c>.</param>
internal sealed record JobSetModel(
    string AssemblyName,
    string Prefix,
    EquatableArray<NamedJobModel> Jobs,
    EquatableArray<ArgumentTypeModel> Types,
    string ClassName)
{

    public string DispatcherName => Prefix + "JobDispatcher";

    public string FormattersName => Prefix + "JobFormatters";
}

/// <summary>A job and the name its generated methods use (<c>Enqueue{ApiName}Async</c>).</summary>
/// <param name="Job">The parsed job.</param>
/// <param name="ApiName">The method name, or <c>{ContainingType}{Method}</c> when method names collide.</param>
internal sealed record NamedJobModel(JobModel Job, string ApiName);
