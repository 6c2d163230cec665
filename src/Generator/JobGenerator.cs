using Microsoft.CodeAnalysis;

namespace JobGen.Generator;

/// <summary>Placeholder: the pipeline is built in the generator work.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class JobGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
