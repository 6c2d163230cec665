using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace JobGen.Analyzers.Idempotency;

/// <summary>
/// Calls that only observe a value (logging, metrics, tracing tags): what they receive never changes what the job
/// does, so a clock value that ends there is safe to read again on a retry. Matched by symbol, not by names the
/// user chose; types are compared by name so the compilation need not reference them.
/// </summary>
internal static class TelemetrySinks
{
    private const string Logging = "Microsoft.Extensions.Logging";
    private const string Metrics = "System.Diagnostics.Metrics";
    private const string Diagnostics = "System.Diagnostics";

    /// <summary>Whether the call logs, records a metric or tags a trace.</summary>
    public static bool IsSink(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        return IsLogger(type)
            || TypeNames.Is(type, Logging, "LoggerExtensions")
            || HasLoggerMessageAttribute(method)
            || (method.MethodKind == MethodKind.DelegateInvoke && method.Parameters.Length > 0 && IsLogger(method.Parameters[0].Type))
            || (TypeNames.IsOrDerivesFrom(type, Metrics, "Instrument") && method.Name is "Add" or "Record")
            || (TypeNames.Is(type, Diagnostics, "Activity") && method.Name is "SetTag" or "AddTag" or "AddEvent" or "SetStartTime" or "SetEndTime");
    }

    /// <summary>
    /// Values built only to be handed to a sink (a metric tag, a trace event): a clock value inside them is followed
    /// to where the built value goes.
    /// </summary>
    public static bool IsCarrier(ITypeSymbol? type) =>
        TypeNames.Is(type, "System.Collections.Generic", "KeyValuePair") || TypeNames.Is(type, Diagnostics, "ActivityEvent");

    private static bool IsLogger(ITypeSymbol? type) =>
        TypeNames.Is(type, Logging, "ILogger")
        || (type is INamedTypeSymbol { TypeKind: TypeKind.Interface } named && named.AllInterfaces.Any(i => TypeNames.Is(i, Logging, "ILogger")));

    private static bool HasLoggerMessageAttribute(IMethodSymbol method)
    {
        var declared = method.PartialDefinitionPart ?? method;
        foreach (var attribute in declared.GetAttributes())
        {
            if (TypeNames.Is(attribute.AttributeClass, Logging, "LoggerMessageAttribute"))
            {
                return true;
            }
        }

        return false;
    }
}
