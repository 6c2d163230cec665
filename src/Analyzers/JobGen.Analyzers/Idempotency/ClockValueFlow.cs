using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace JobGen.Analyzers.Idempotency;

/// <summary>
/// Follows the value of a clock read through the job body to decide whether it is only observed: every path
/// ends in logging, a metric or a trace tag (<see cref="TelemetrySinks"/>), after any arithmetic, formatting or
/// trips through locals on the way (a start time subtracted at the end for a log line). Such a read is safe to
/// repeat on a retry, and replacing it with the job's creation time would change what it measures. Any other
/// destination (a field, a return, a condition, a call that is not telemetry, a value nobody reads) keeps the
/// finding.
/// </summary>
internal sealed class ClockValueFlow
{
    /// <summary>System types whose methods compute a new value and do nothing else.</summary>
    private static readonly HashSet<string> PureValueTypes = new() { "DateTime", "DateTimeOffset", "TimeSpan", "Math", "String" };

    private readonly IOperation _body;
    private readonly HashSet<ILocalSymbol> _followedLocals = new(SymbolEqualityComparer.Default);
    private List<ILocalReferenceOperation>? _localReferences;
    private bool _reachedSink;
    private bool _escaped;

    private ClockValueFlow(IOperation body) => _body = body;

    /// <summary>Whether the value read at <paramref name="clockRead"/> reaches telemetry and nothing else.</summary>
    public static bool IsOnlyObserved(IOperation clockRead)
    {
        var body = clockRead;
        while (body.Parent is not null)
        {
            body = body.Parent;
        }

        var flow = new ClockValueFlow(body);
        flow.Follow(clockRead);
        return flow._reachedSink && !flow._escaped;
    }

    /// <summary>Climbs from a value to its consumer, through operations that only derive another value from it.</summary>
    private void Follow(IOperation value)
    {
        var current = value;
        while (!_escaped)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case IConversionOperation or IBinaryOperation or IUnaryOperation or ICoalesceOperation
                    or IInterpolationOperation or IInterpolatedStringOperation
                    or IArrayInitializerOperation or IArrayCreationOperation:
                case IConditionalOperation conditional when conditional.Condition != current:
                case IPropertyReferenceOperation property when property.Instance == current:
                case IFieldReferenceOperation field when field.Instance == current:
                case IInvocationOperation call when call.Instance == current:
                    current = parent;
                    break;
                case IArgumentOperation { Parent: IInvocationOperation call } when TelemetrySinks.IsSink(call):
                    _reachedSink = true;
                    return;
                case IArgumentOperation { Parent: IInvocationOperation call } when IsPureValueMethod(call.TargetMethod):
                    current = call;
                    break;
                case IArgumentOperation { Parent: IObjectCreationOperation creation } when TelemetrySinks.IsCarrier(creation.Type):
                    current = creation;
                    break;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    FollowLocal(declarator.Symbol);
                    return;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current:
                    FollowLocal(target.Local);
                    if (assignment.Parent is IExpressionStatementOperation)
                    {
                        return;
                    }

                    current = assignment;
                    break;
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation } accumulation when accumulation.Target == current:
                    // total += elapsed: the sum stays in the local being followed
                    if (accumulation.Parent is IExpressionStatementOperation)
                    {
                        return;
                    }

                    current = accumulation;
                    break;
                default:
                    _escaped = true;
                    return;
            }
        }
    }

    /// <summary>Follows every read of a local the value was stored in (writes to it are not uses).</summary>
    private void FollowLocal(ILocalSymbol local)
    {
        if (!_followedLocals.Add(local))
        {
            return;
        }

        _localReferences ??= _body.Descendants().OfType<ILocalReferenceOperation>().ToList();
        foreach (var reference in _localReferences)
        {
            if (_escaped)
            {
                return;
            }

            if (SymbolEqualityComparer.Default.Equals(reference.Local, local) && !IsWrite(reference))
            {
                Follow(reference);
            }
        }
    }

    private static bool IsWrite(ILocalReferenceOperation reference) =>
        reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference;

    private static bool IsPureValueMethod(IMethodSymbol method) =>
        PureValueTypes.Contains(method.ContainingType.Name) && TypeNames.Is(method.ContainingType, "System", method.ContainingType.Name);
}
