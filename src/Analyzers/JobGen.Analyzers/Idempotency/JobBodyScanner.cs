using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace JobGen.Analyzers.Idempotency;

/// <summary>
/// Looks at the operations of one job method's body (one instance per method, fed by operation actions) and
/// reports JG0005. Most patterns are reported on sight; HTTP POST and EF inserts depend on the rest of the body
/// (an idempotency key, an existence check), so they are collected and decided at the end of the block.
/// </summary>
internal sealed class JobBodyScanner
{
    private static readonly ImmutableHashSet<string> ExistenceChecks = ImmutableHashSet.Create(
        "Any", "AnyAsync", "Find", "FindAsync", "FirstOrDefault", "FirstOrDefaultAsync", "SingleOrDefault",
        "SingleOrDefaultAsync", "Contains", "ContainsAsync", "Exists", "ExistsAsync", "Count", "CountAsync");

    private readonly KnownSymbols _known;
    private readonly string _jobName;
    private readonly object _gate = new();
    private readonly List<IInvocationOperation> _httpPosts = new();
    private readonly List<IInvocationOperation> _httpSends = new();
    private readonly List<IInvocationOperation> _efAdds = new();
    private bool _sawIdempotencyKey;
    private bool _sawHttpMethodPost;
    private bool _sawSaveChanges;
    private bool _sawExistenceCheck;

    public JobBodyScanner(IMethodSymbol job, KnownSymbols known)
    {
        _known = known;
        _jobName = job.ContainingType.Name + "." + job.Name;
    }

    public void OnPropertyReference(OperationAnalysisContext context)
    {
        var property = ((IPropertyReferenceOperation)context.Operation).Property;
        var type = property.ContainingType;
        switch (property.Name)
        {
            case "Now" or "UtcNow" or "Today" when type.SpecialType == SpecialType.System_DateTime || TypeNames.Is(type, "System", "DateTimeOffset"):
                if (ClockValueFlow.IsOnlyObserved(context.Operation))
                {
                    break; // measured for a log line or a metric: a retry measuring again is what it should do
                }

                var member = type.Name + "." + property.Name;
                Report(context, context.Operation, Patterns.Clock, member, Patterns.ClockAdvice, member);
                break;
            case "Shared" when TypeNames.Is(type, "System", "Random"):
                Report(context, context.Operation, Patterns.Random, "Random.Shared", Patterns.RandomAdvice);
                break;
            case "Post" when TypeNames.Is(type, "System.Net.Http", "HttpMethod"):
                lock (_gate)
                {
                    _sawHttpMethodPost = true;
                }

                break;
        }
    }

    public void OnFieldReference(OperationAnalysisContext context)
    {
        var field = ((IFieldReferenceOperation)context.Operation).Field;
        if (field.Name == "Append" && TypeNames.Is(field.ContainingType, "System.IO", "FileMode"))
        {
            Report(context, context.Operation, Patterns.FileAppend, "FileMode.Append", Patterns.FileAppendAdvice);
        }
        else if (field.IsConst && TypeNames.MentionsIdempotencyKey(context.Operation.ConstantValue))
        {
            MarkIdempotencyKey();
        }
    }

    public void OnLiteral(OperationAnalysisContext context)
    {
        if (TypeNames.MentionsIdempotencyKey(context.Operation.ConstantValue))
        {
            MarkIdempotencyKey();
        }
    }

    public void OnObjectCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        var type = creation.Type;
        if (TypeNames.Is(type, "System", "Random"))
        {
            Report(context, creation, Patterns.Random, "new Random()", Patterns.RandomAdvice);
        }
        else if (TypeNames.Is(type, "System.IO", "StreamWriter")
            && creation.Arguments.Any(a => a.Parameter?.Name == "append" && a.Value.ConstantValue is { HasValue: true, Value: true }))
        {
            Report(context, creation, Patterns.FileAppend, "new StreamWriter(path, append: true)", Patterns.FileAppendAdvice);
        }
    }

    public void OnStaticWrite(OperationAnalysisContext context)
    {
        var target = context.Operation switch
        {
            IIncrementOrDecrementOperation increment => increment.Target,
            ICompoundAssignmentOperation compound => compound.Target,
            _ => null,
        };
        if (StaticMemberName(target) is { } name)
        {
            var op = context.Operation is ICompoundAssignmentOperation ? "compound assignment" : "'++'/'--'";
            Report(context, context.Operation, Patterns.StaticState, $"{op} on static '{name}'", Patterns.StaticStateAdvice);
        }
    }

    public void OnInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        var receiver = invocation.Instance?.Type ?? type;

        if (ExistenceChecks.Contains(method.Name))
        {
            lock (_gate)
            {
                _sawExistenceCheck = true;
            }
        }

        if (TypeNames.Is(type, "System", "Guid") && method.Name is "NewGuid" or "CreateVersion7")
        {
            Report(context, invocation, Patterns.NewGuid, "Guid." + method.Name + "()", Patterns.NewGuidAdvice);
        }
        else if (TypeNames.Is(type, "System.Threading", "Interlocked") && invocation.Arguments.Length > 0
            && StaticMemberName(invocation.Arguments[0].Value) is { } name)
        {
            Report(context, invocation, Patterns.StaticState, $"Interlocked.{method.Name} on static '{name}'", Patterns.StaticStateAdvice);
        }
        else if ((TypeNames.Is(type, "System.IO", "File") && method.Name.StartsWith("Append", System.StringComparison.Ordinal))
            || (TypeNames.Is(type, "System.IO", "FileInfo") && method.Name == "AppendText"))
        {
            Report(context, invocation, Patterns.FileAppend, type.Name + "." + method.Name, Patterns.FileAppendAdvice);
        }
        else if (IsHttpClientCall(invocation))
        {
            lock (_gate)
            {
                if (method.Name is "PostAsync" or "PostAsJsonAsync")
                {
                    _httpPosts.Add(invocation);
                }
                else if (method.Name == "SendAsync")
                {
                    _httpSends.Add(invocation);
                }
            }
        }
        else if (IsEnqueue(method) && !HasStableKey(invocation))
        {
            Report(context, invocation, Patterns.Enqueue, $"Enqueueing with '{method.Name}' without a stable key", Patterns.EnqueueAdvice);
        }
        else if (TypeNames.IsOrDerivesFromName(receiver, "DbSet") || TypeNames.IsOrDerivesFromName(receiver, "DbContext"))
        {
            lock (_gate)
            {
                if (method.Name is "Add" or "AddAsync" or "AddRange" or "AddRangeAsync")
                {
                    _efAdds.Add(invocation);
                }
                else if (method.Name is "SaveChanges" or "SaveChangesAsync")
                {
                    _sawSaveChanges = true;
                }
            }
        }
    }

    public void OnBlockEnd(OperationBlockAnalysisContext context)
    {
        lock (_gate)
        {
            if (!_sawIdempotencyKey)
            {
                var sends = _sawHttpMethodPost ? _httpSends : Enumerable.Empty<IInvocationOperation>();
                foreach (var call in _httpPosts.Concat(sends))
                {
                    context.ReportDiagnostic(Create(call, Patterns.HttpPost,
                        $"HTTP POST ('{call.TargetMethod.Name}') without an idempotency key", Patterns.HttpPostAdvice, null));
                }
            }

            if (_sawSaveChanges && !_sawExistenceCheck)
            {
                foreach (var add in _efAdds)
                {
                    context.ReportDiagnostic(Create(add, Patterns.EfInsert,
                        $"EF Core '{add.TargetMethod.Name}' + SaveChanges without an existence check", Patterns.EfInsertAdvice, null));
                }
            }
        }
    }

    private static bool IsHttpClientCall(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var receiver = method.IsExtensionMethod && invocation.Arguments.Length > 0
            ? invocation.Arguments[0].Value.Type
            : invocation.Instance?.Type;
        return TypeNames.IsOrDerivesFrom(receiver, "System.Net.Http", "HttpClient");
    }

    private bool IsEnqueue(IMethodSymbol method)
    {
        if (_known.JobClient is null || !method.Name.EndsWith("Async", System.StringComparison.Ordinal)
            || !(method.Name.StartsWith("Enqueue", System.StringComparison.Ordinal) || method.Name.StartsWith("Schedule", System.StringComparison.Ordinal)))
        {
            return false;
        }

        if (method.IsExtensionMethod)
        {
            var first = method.ReducedFrom?.Parameters.FirstOrDefault() ?? method.Parameters.FirstOrDefault();
            return SymbolEqualityComparer.Default.Equals(first?.Type, _known.JobClient);
        }

        return SymbolEqualityComparer.Default.Equals(method.ContainingType, _known.JobClient)
            || method.ContainingType.AllInterfaces.Contains(_known.JobClient, SymbolEqualityComparer.Default);
    }

    /// <summary>
    /// A stable key: an argument mentions an idempotency key, or the options are passed in from elsewhere
    /// (a variable or a helper) which we cannot see into and trust rather than guess.
    /// </summary>
    private bool HasStableKey(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Descendants().Any(o => TypeNames.MentionsIdempotencyKey(o.ConstantValue)))
            {
                return true;
            }

            if (argument.ArgumentKind == ArgumentKind.Explicit
                && SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, _known.EnqueueOptions)
                && Unwrap(argument.Value) is not (IObjectCreationOperation or ILiteralOperation or IDefaultValueOperation))
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation Unwrap(IOperation operation) =>
        operation is IConversionOperation conversion ? Unwrap(conversion.Operand) : operation;

    private static string? StaticMemberName(IOperation? target) => target switch
    {
        IFieldReferenceOperation { Field: { IsStatic: true, IsConst: false } field } => field.ContainingType.Name + "." + field.Name,
        IPropertyReferenceOperation { Property.IsStatic: true } p => p.Property.ContainingType.Name + "." + p.Property.Name,
        _ => null,
    };

    private void MarkIdempotencyKey()
    {
        lock (_gate)
        {
            _sawIdempotencyKey = true;
        }
    }

    private void Report(OperationAnalysisContext context, IOperation operation, string kind, string pattern, string advice, string? member = null) =>
        context.ReportDiagnostic(Create(operation, kind, pattern, advice, member));

    private Diagnostic Create(IOperation operation, string kind, string pattern, string advice, string? member)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(Patterns.KindProperty, kind);
        if (member is not null)
        {
            properties = properties.Add(Patterns.MemberProperty, member);
        }

        return Diagnostic.Create(DiagnosticDescriptors.NonIdempotent, operation.Syntax.GetLocation(), properties, pattern, _jobName, advice);
    }
}
