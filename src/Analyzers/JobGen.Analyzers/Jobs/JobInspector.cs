using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace JobGen.Analyzers.Jobs;

/// <summary>
/// Turns a <c>[BackgroundJob]</c> method into a <see cref="JobInspection"/>.
/// ADAPTER: until the generator's shared parser (src/Generator/Parsing) lands, this computes only the job id and
/// the payload arguments and reports no JG0001/JG0002 issues; it is then re-pointed at the shared parser so the
/// analyzers and the generator never disagree about what a valid job is.
/// </summary>
internal static class JobInspector
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(
            SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static JobInspection Inspect(IMethodSymbol method, KnownSymbols known, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var attribute = known.GetJobAttribute(method);
        var explicitId = attribute is { ConstructorArguments.Length: 1 } ? attribute.ConstructorArguments[0].Value as string : null;
        var jobId = explicitId ?? DefaultId(method);

        var arguments = ImmutableArray.CreateBuilder<PayloadArgument>();
        bool token = false, context = false;
        foreach (var parameter in method.Parameters)
        {
            if (SymbolEqualityComparer.Default.Equals(parameter.Type, known.CancellationToken))
            {
                token = true;
            }
            else if (SymbolEqualityComparer.Default.Equals(parameter.Type, known.JobContext))
            {
                context = true;
            }
            else
            {
                arguments.Add(new PayloadArgument(
                    parameter.Name,
                    TypeName(parameter.Type),
                    parameter.HasExplicitDefaultValue ? DefaultLiteral(parameter.ExplicitDefaultValue) : null,
                    parameter));
            }
        }

        var job = new JobDescription(jobId, arguments.ToImmutable(), token, context);
        return new JobInspection(job, ImmutableArray<JobIssue>.Empty);
    }

    /// <summary>The generator's default id: namespace and containing types joined by '.', then the method name.</summary>
    private static string DefaultId(IMethodSymbol method) =>
        method.ContainingType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat
            .WithGenericsOptions(SymbolDisplayGenericsOptions.None)) + "." + method.Name;

    private static string TypeName(ITypeSymbol type) =>
        type.ToDisplayString(TypeFormat).Replace("global::", string.Empty);

    private static string DefaultLiteral(object? value) => value switch
    {
        null => "null",
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        bool b => b ? "true" : "false",
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        System.IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
