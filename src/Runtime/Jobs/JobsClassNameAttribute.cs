namespace JobGen;

/// <summary>
/// Chooses the name of the class the generator emits for this assembly's jobs, and so of its registration method
/// (<c>Add{name}</c>): <c>[assembly: JobsClassName("ShopJobs")]</c> gives <c>ShopJobs.EnqueueX…</c> and
/// <c>services.AddShopJobs()</c>. Without it the name comes from the assembly name (docs/generator.md). A name that is
/// not a plain C# identifier is ignored.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class JobsClassNameAttribute(string name) : Attribute
{
    /// <summary>The generated class's name.</summary>
    public string Name { get; } = name;
}
