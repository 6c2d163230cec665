using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace JobGen.Generator.Parsing;

/// <summary>
/// The one definition of a valid job, shared by the generator (which emits valid jobs and skips the rest
/// silently) and the analyzers (which report <see cref="JobParseResult.Problems"/>). Compiled into both
/// assemblies from the same files, so it depends on Roslyn only.
/// </summary>
internal static class JobParser
{
    /// <summary>The attribute's metadata name, for <c>ForAttributeWithMetadataName</c> and symbol checks.</summary>
    public const string AttributeMetadataName = "JobGen.BackgroundJobAttribute";

    private const string DefaultQueue = "default";
    private const int DefaultMaxAttempts = 25;

    /// <summary>The method's <c>[BackgroundJob]</c> attribute, or null when it has none.</summary>
    public static AttributeData? FindAttribute(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolNames.Is(attribute.AttributeClass, "JobGen", "BackgroundJobAttribute"))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>Parses a method that carries <c>[BackgroundJob]</c> (found with <see cref="FindAttribute"/>).</summary>
    public static JobParseResult Parse(IMethodSymbol method, AttributeData attribute, CancellationToken cancellationToken)
    {
        var problems = new List<JobProblem>();
        var options = ReadAttribute(method, attribute, problems);
        CheckMethod(method, problems);
        var isPublic = CheckReachable(method, problems);

        var collector = new ArgumentTypeCollector(problems);
        var parameters = new List<JobParameterModel>(method.Parameters.Length);
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var parameter = method.Parameters[i];
            if (parameter.RefKind != RefKind.None)
            {
                problems.Add(Invalid(JobProblemKind.RefKindParameter, $"Parameter '{parameter.Name}' of job '{options.JobId}' is ref/out/in: job arguments are copied into the payload, pass them by value.", i));
                continue;
            }

            if (parameter.IsParams)
            {
                problems.Add(Invalid(JobProblemKind.ParamsParameter, $"Parameter '{parameter.Name}' of job '{options.JobId}' is 'params': declare a plain array or list.", i));
                continue;
            }

            var role = SymbolNames.Is(parameter.Type, "System.Threading", "CancellationToken") ? JobParameterRole.CancellationToken
                : SymbolNames.Is(parameter.Type, "JobGen", "JobContext") ? JobParameterRole.JobContext
                : JobParameterRole.Argument;
            if (role == JobParameterRole.Argument && !collector.AddParameter(parameter.Type, i, parameter.Name))
            {
                continue;
            }

            parameters.Add(new JobParameterModel(
                parameter.Name,
                SymbolNames.TypeName(parameter.Type),
                role == JobParameterRole.Argument ? SymbolNames.FormatterName(parameter.Type) : "",
                role,
                role == JobParameterRole.Argument ? SymbolNames.DefaultValue(parameter) : null,
                role == JobParameterRole.Argument && SensitiveSymbols.IsMarked(parameter)));
        }

        var constructor = method.IsStatic ? ImmutableArray<ConstructorParameterModel>.Empty : ChooseConstructor(method, options.JobId, problems);
        if (problems.Count > 0)
        {
            return new JobParseResult(options.JobId, null, problems.ToImmutableArray());
        }

        var type = method.ContainingType;
        var model = new JobModel(
            options.JobId,
            options.Queue,
            options.MaxAttempts,
            options.TimeoutSeconds,
            type.Name,
            SymbolNames.DisplayName(type),
            type.ToDisplayString(SymbolNames.TypeFormat),
            method.Name,
            method.IsStatic,
            ReturnKind(method),
            isPublic && collector.AllPublic,
            new EquatableArray<JobParameterModel>(parameters.ToArray()),
            new EquatableArray<ConstructorParameterModel>(constructor),
            method.IsStatic ? JobDisposeKind.None : DisposeKind(type),
            collector.Types,
            RecurringParser.Parse(method),
            FlowControlParser.Parse(method, attribute),
            options.Priority);
        return new JobParseResult(options.JobId, model, ImmutableArray<JobProblem>.Empty);
    }

    /// <summary>
    /// Groups job ids used more than once (JG0003). Give it every <c>[BackgroundJob]</c> method of one
    /// assembly (valid or not); each group lists the methods sharing one id, in the order given.
    /// </summary>
    public static ImmutableArray<(string JobId, ImmutableArray<T> Jobs)> FindDuplicateIds<T>(IEnumerable<(string JobId, T Job)> jobs) =>
        jobs.GroupBy(j => j.JobId, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(j => j.Job).ToImmutableArray()))
            .ToImmutableArray();

    private readonly record struct JobOptions(string JobId, string Queue, int MaxAttempts, int TimeoutSeconds, int Priority = 0);

    private static JobOptions ReadAttribute(IMethodSymbol method, AttributeData attribute, List<JobProblem> problems)
    {
        var id = SymbolNames.DefaultJobId(method);
        if (attribute.ConstructorArguments.Length == 1)
        {
            var explicitId = attribute.ConstructorArguments[0].Value as string;
            if (string.IsNullOrWhiteSpace(explicitId))
            {
                problems.Add(Invalid(JobProblemKind.InvalidJobId, $"The job id of '{method.Name}' is empty: give a stable id such as \"emails.welcome\", or none for the default '{id}'.", -1));
            }
            else
            {
                id = explicitId!;
            }
        }

        var options = new JobOptions(id, DefaultQueue, DefaultMaxAttempts, 0);
        foreach (var named in attribute.NamedArguments)
        {
            switch (named.Key)
            {
                case "Queue" when named.Value.Value is string queue && queue.Trim().Length > 0:
                    options = options with { Queue = queue };
                    break;
                case "MaxAttempts" when named.Value.Value is int attempts && attempts >= 1:
                    options = options with { MaxAttempts = attempts };
                    break;
                case "TimeoutSeconds" when named.Value.Value is int timeout && timeout >= 0:
                    options = options with { TimeoutSeconds = timeout };
                    break;
                case "ExpiresAfterSeconds":
                    break; // FlowControlParser reads it; JG0023 reports a bad value
                case "Priority" when named.Value.Value is int priority:
                    options = options with { Priority = priority };
                    break;
                default:
                    problems.Add(Invalid(JobProblemKind.InvalidAttributeValue, $"[BackgroundJob] on '{method.Name}' has an invalid {named.Key}: Queue must be non-empty, MaxAttempts at least 1, TimeoutSeconds 0 or more.", -1));
                    break;
            }
        }

        return options;
    }

    private static void CheckMethod(IMethodSymbol method, List<JobProblem> problems)
    {
        var name = method.Name;
        if (method.MethodKind != MethodKind.Ordinary)
        {
            problems.Add(Invalid(JobProblemKind.UnsupportedContainingType, $"'{name}' is not an ordinary method: jobs are static or instance methods of a class.", -1));
        }

        if (method.IsGenericMethod)
        {
            problems.Add(Invalid(JobProblemKind.GenericMethod, $"Job method '{name}' is generic: the dispatcher must know every argument type at compile time.", -1));
        }

        for (var t = method.ContainingType; t is not null; t = t.ContainingType)
        {
            if (t.IsGenericType)
            {
                problems.Add(Invalid(JobProblemKind.GenericContainingType, $"Job method '{name}' is in generic type '{t.Name}': jobs must live in non-generic types.", -1));
                break;
            }
        }

        if (method.IsAbstract || method.ContainingType.TypeKind == TypeKind.Interface)
        {
            problems.Add(Invalid(JobProblemKind.AbstractMethod, $"Job method '{name}' is abstract or on an interface: put [BackgroundJob] on a concrete method.", -1));
        }
        else if (!method.IsStatic && (method.ContainingType.TypeKind != TypeKind.Class || method.ContainingType.IsAbstract))
        {
            problems.Add(Invalid(JobProblemKind.UnsupportedContainingType, $"Instance job method '{name}' must be in a non-abstract class (or make it static).", -1));
        }

        if (method.ReturnsVoid && method.IsAsync)
        {
            problems.Add(Invalid(JobProblemKind.AsyncVoid, $"Job method '{name}' is 'async void': return Task so the worker sees its end and its failures.", -1));
        }
        else if (!method.ReturnsVoid && !method.ReturnsByRef && ReturnKind(method) == JobReturnKind.Void)
        {
            problems.Add(Invalid(JobProblemKind.InvalidReturnType, $"Job method '{name}' returns '{method.ReturnType.ToDisplayString()}': a job returns void, Task or ValueTask (a result would be discarded).", -1));
        }
        else if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            problems.Add(Invalid(JobProblemKind.InvalidReturnType, $"Job method '{name}' returns by reference: a job returns void, Task or ValueTask.", -1));
        }
    }

    /// <summary>Reports unreachable methods/types; returns whether everything on the way is public.</summary>
    private static bool CheckReachable(IMethodSymbol method, List<JobProblem> problems)
    {
        var isPublic = true;
        ISymbol? symbol = method;
        for (; symbol is IMethodSymbol or INamedTypeSymbol; symbol = symbol.ContainingType)
        {
            if (symbol is INamedTypeSymbol { IsFileLocal: true }
                || symbol.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                problems.Add(Invalid(JobProblemKind.Inaccessible, $"Job method '{method.Name}' cannot be called by generated code because '{symbol.Name}' is {(symbol is INamedTypeSymbol { IsFileLocal: true } ? "file-local" : "private or protected")}: make it public or internal.", -1));
                return false;
            }

            isPublic &= symbol.DeclaredAccessibility == Accessibility.Public;
        }

        return isPublic;
    }

    private static ImmutableArray<ConstructorParameterModel> ChooseConstructor(IMethodSymbol method, string jobId, List<JobProblem> problems)
    {
        IMethodSymbol? best = null;
        foreach (var ctor in method.ContainingType.InstanceConstructors)
        {
            if (ctor.DeclaredAccessibility == Accessibility.Public
                && ctor.Parameters.All(p => p.RefKind == RefKind.None)
                && (best is null || ctor.Parameters.Length > best.Parameters.Length))
            {
                best = ctor;
            }
        }

        if (best is null)
        {
            problems.Add(Invalid(JobProblemKind.NoPublicConstructor, $"Job '{jobId}' is an instance method, but '{method.ContainingType.Name}' has no public constructor (without ref/out parameters) for the dispatcher to call: add one, or make the method static.", -1));
            return ImmutableArray<ConstructorParameterModel>.Empty;
        }

        if (SymbolNames.HasRequiredMembers(method.ContainingType) && !SymbolNames.SetsRequiredMembers(best))
        {
            problems.Add(Invalid(JobProblemKind.NoPublicConstructor, $"Job '{jobId}' is an instance method, but '{method.ContainingType.Name}' has required members that the dispatcher cannot set: take them as constructor parameters instead.", -1));
            return ImmutableArray<ConstructorParameterModel>.Empty;
        }

        return best.Parameters.Select(p => new ConstructorParameterModel(
            p.Name,
            SymbolNames.TypeName(p.Type),
            p.HasExplicitDefaultValue,
            p.Type.IsReferenceType,
            SymbolNames.DefaultValue(p),
            (p.Type.IsReferenceType && p.NullableAnnotation == NullableAnnotation.Annotated)
                || p.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)).ToImmutableArray();
    }

    private static JobReturnKind ReturnKind(IMethodSymbol method) =>
        method.ReturnsVoid ? JobReturnKind.Void
        : SymbolNames.Is(method.ReturnType, "System.Threading.Tasks", "Task") ? JobReturnKind.Task
        : SymbolNames.Is(method.ReturnType, "System.Threading.Tasks", "ValueTask") ? JobReturnKind.ValueTask
        : JobReturnKind.Void;

    private static JobDisposeKind DisposeKind(INamedTypeSymbol type) =>
        type.AllInterfaces.Any(i => SymbolNames.Is(i, "System", "IAsyncDisposable")) ? JobDisposeKind.AsyncDisposable
        : type.AllInterfaces.Any(i => SymbolNames.Is(i, "System", "IDisposable")) ? JobDisposeKind.Disposable
        : JobDisposeKind.None;

    private static JobProblem Invalid(JobProblemKind kind, string message, int parameterIndex) =>
        new(JobProblemIds.InvalidSignature, kind, message, parameterIndex, null);
}
