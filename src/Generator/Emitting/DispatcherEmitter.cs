using System.Globalization;
using System.Linq;
using JobGen.Generator.Model;
using JobGen.Generator.Parsing;

namespace JobGen.Generator.Emitting;

/// <summary>
/// Emits the file-local <c>IJobDispatcher</c>: the catalog, a <c>switch</c> on the job id, and per job a
/// decoder (arguments → locals, failures → <c>JobPayloadException</c>) and an invoker that calls the method directly.
/// </summary>
internal sealed class DispatcherEmitter
{
    private const string Services = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions";
    private readonly JobSetModel _set;
    private readonly FormatterEmitter _formatters;

    public DispatcherEmitter(JobSetModel set, FormatterEmitter formatters)
    {
        _set = set;
        _formatters = formatters;
    }

    public void Emit(SourceWriter w)
    {
        w.Line($"/// <summary>Runs the jobs of assembly <c>{ClientApiEmitter.Xml(_set.AssemblyName)}</c>: a switch on the job id, then a direct call.</summary>");
        w.Line(EmitNames.GeneratedCode);
        w.Open($"file sealed class {_set.DispatcherName} : global::JobGen.IJobDispatcher");
        EmitCatalog(w);
        w.Line();
        w.Line("public global::System.Collections.Generic.IReadOnlyList<global::JobGen.JobDescriptor> Jobs => s_jobs;");
        w.Line();
        EmitRecurring(w);
        w.Open($"public {EmitNames.ValueTask} InvokeAsync(global::JobGen.JobEnvelope envelope, global::System.IServiceProvider services, {EmitNames.CancellationToken} cancellationToken)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(envelope);");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(services);");
        w.Open("switch (envelope.Job)");
        foreach (var job in _set.Jobs)
        {
            w.Line($"case {EmitNames.Literal(job.Job.JobId)}:");
            w.Indent().Line($"return Invoke{job.ApiName}Job(envelope, services, cancellationToken);").Unindent();
        }

        w.Line("default:");
        w.Indent().Line("throw new global::JobGen.UnknownJobException(envelope.Job);").Unindent();
        w.Close();
        w.Close();
        foreach (var job in _set.Jobs)
        {
            w.Line();
            EmitInvoker(w, job);
            w.Line();
            EmitDecoder(w, job);
        }

        if (_set.Jobs.Count > 0)
        {
            w.Line();
            w.Line("private static global::System.Exception TrailingBytes(long count) =>");
            w.Indent().Line($"new {EmitNames.SerializationException}(count.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \" trailing byte(s) after the arguments (a corrupt or concatenated payload).\");").Unindent();
        }

        w.Close();
    }

    // The [Recurring] schedules, built when a worker starts (not at type load: a time zone missing on the machine
    // fails the start with the runtime's message, it does not break the dispatcher). Omitted when there are none.
    private void EmitRecurring(SourceWriter w)
    {
        var recurring = _set.Jobs.Where(j => j.Job.Recurring is not null).ToList();
        if (recurring.Count == 0)
        {
            return;
        }

        w.Line("public global::System.Collections.Generic.IReadOnlyList<global::JobGen.RecurringSchedule> RecurringSchedules => new global::JobGen.RecurringSchedule[]");
        w.Open();
        foreach (var named in recurring)
        {
            var r = named.Job.Recurring!;
            w.Line($"new global::JobGen.RecurringSchedule({EmitNames.Literal(named.Job.JobId)}, {EmitNames.Literal(r.Cron)}, global::JobGen.{_set.ClassName}.Create{named.ApiName}Request(), new global::JobGen.RecurringOptions {{ TimeZone = {EmitNames.Literal(r.TimeZone)}, MissedTicks = (global::JobGen.MissedTicks){Int(r.MissedTicks)} }}),");
        }

        w.Close(";");
        w.Line();
    }

    private void EmitCatalog(SourceWriter w)
    {
        w.Line("private static readonly global::JobGen.JobDescriptor[] s_jobs =");
        w.Open();
        foreach (var named in _set.Jobs)
        {
            var job = named.Job;
            var args = job.Parameters.Where(p => p.Role == JobParameterRole.Argument).ToList();
            var head = $"new global::JobGen.JobDescriptor({EmitNames.Literal(job.JobId)}, {EmitNames.Literal(job.Queue)}, {Int(job.MaxAttempts)}, {Int(job.TimeoutSeconds)}, {EmitNames.Literal(job.ContainingTypeDisplayName)}, {EmitNames.Literal(job.MethodName)}, ";
            if (args.Count == 0)
            {
                w.Line(head + "global::System.Array.Empty<global::JobGen.JobParameterDescriptor>()),");
                continue;
            }

            w.Line(head + "new global::JobGen.JobParameterDescriptor[]");
            w.Open();
            foreach (var p in args)
            {
                w.Line($"new global::JobGen.JobParameterDescriptor({EmitNames.Literal(p.Name)}, {EmitNames.Literal(p.TypeName)}){SensitiveEmitter.DescriptorSuffix(p)},");
            }

            w.Close("),");
        }

        w.Close(";");
    }

    private static void EmitInvoker(SourceWriter w, NamedJobModel named)
    {
        var job = named.Job;
        var isAsync = job.DisposeKind == JobDisposeKind.AsyncDisposable
            || (job.DisposeKind == JobDisposeKind.Disposable && job.ReturnKind != JobReturnKind.Void);
        var signature = $"private static {(isAsync ? "async " : "")}{EmitNames.ValueTask} Invoke{named.ApiName}Job(global::JobGen.JobEnvelope envelope, global::System.IServiceProvider services, {EmitNames.CancellationToken} cancellationToken)";
        w.Open(signature);
        var args = job.Parameters.Where(p => p.Role == JobParameterRole.Argument).ToList();
        var outs = string.Concat(args.Select((_, i) => $", out var arg{Int(i)}"));
        w.Line($"Decode{named.ApiName}Arguments(envelope{outs});");

        var argIndex = 0;
        var callArgs = string.Join(", ", job.Parameters.Select(p => p.Role switch
        {
            JobParameterRole.CancellationToken => "cancellationToken",
            JobParameterRole.JobContext => "new global::JobGen.JobContext(envelope)",
            _ => "arg" + Int(argIndex++),
        }));
        string call;
        if (job.IsStatic)
        {
            call = $"{job.ContainingTypeFullName}.{EmitNames.Identifier(job.MethodName)}({callArgs})";
        }
        else
        {
            var ctor = job.ConstructorParameters;
            if (ctor.Count == 0)
            {
                w.Line($"var instance = new {job.ContainingTypeFullName}();");
            }
            else
            {
                w.Line($"var instance = new {job.ContainingTypeFullName}(");
                w.Indent();
                for (var i = 0; i < ctor.Count; i++)
                {
                    w.Line(Resolve(ctor[i]) + (i == ctor.Count - 1 ? ");" : ","));
                }

                w.Unindent();
            }

            call = $"instance.{EmitNames.Identifier(job.MethodName)}({callArgs})";
        }

        if (job.DisposeKind == JobDisposeKind.None)
        {
            switch (job.ReturnKind)
            {
                case JobReturnKind.Void:
                    w.Line(call + ";");
                    w.Line("return default;");
                    break;
                case JobReturnKind.Task:
                    w.Line($"return new {EmitNames.ValueTask}({call});");
                    break;
                default:
                    w.Line($"return {call};");
                    break;
            }

            w.Close();
            return;
        }

        w.Open("try");
        w.Line(job.ReturnKind == JobReturnKind.Void ? call + ";" : $"await {call}.ConfigureAwait(false);");
        w.Close();
        w.Open("finally");
        w.Line(job.DisposeKind == JobDisposeKind.AsyncDisposable
            ? "await ((global::System.IAsyncDisposable)instance).DisposeAsync().ConfigureAwait(false);"
            : "((global::System.IDisposable)instance).Dispose();");
        w.Close();
        if (!isAsync)
        {
            w.Line();
            w.Line("return default;");
        }

        w.Close();
    }

    /// <summary>Required services: GetRequiredService; nullable or optional ones: GetService, falling back on the default.</summary>
    private static string Resolve(ConstructorParameterModel p)
    {
        var type = p.TypeName.EndsWith("?", System.StringComparison.Ordinal) && p.IsReferenceType ? p.TypeName.Substring(0, p.TypeName.Length - 1) : p.TypeName;
        if (p.AllowsNull || (p.IsReferenceType && p.IsOptional))
        {
            var fallback = p.DefaultValue is { } value && value != "null" ? " ?? " + value : "";
            return $"{Services}.GetService<{type}>(services){fallback}";
        }

        if (p.IsOptional && p.DefaultValue is { } defaultValue)
        {
            return defaultValue;
        }

        return $"{Services}.GetRequiredService<{type}>(services)";
    }

    private void EmitDecoder(SourceWriter w, NamedJobModel named)
    {
        var args = named.Job.Parameters.Where(p => p.Role == JobParameterRole.Argument).ToList();
        var outs = string.Concat(args.Select((p, i) => $", out {p.TypeName} arg{Int(i)}"));
        w.Open($"private static void Decode{named.ApiName}Arguments(global::JobGen.JobEnvelope envelope{outs})");
        w.Open("try");
        w.Line($"var reader = new {EmitNames.Reader}(envelope.Arguments);");
        w.Line("var count = reader.ReadArrayHeader();");
        for (var i = 0; i < args.Count; i++)
        {
            var p = args[i];
            var missing = p.DefaultValue ?? $"throw {_set.FormattersName}.MissingArgument({EmitNames.Literal(p.Name)}, {Int(i)}, count)";
            w.Line($"arg{Int(i)} = count > {Int(i)} ? {SensitiveEmitter.ReadCall(_formatters, named.Job.JobId, p, "reader")} : {missing};");
        }

        w.Open($"for (var i = {Int(args.Count)}; i < count; i++)");
        w.Line("reader.Skip(); // written by a newer client: extra trailing arguments are ignored");
        w.Close();
        w.Line();

        // Bytes after the argument array are not a newer client's arguments (those are inside the array, above) but a
        // corrupt or concatenated payload, rejected like the envelope decoder rejects bytes after its map.
        w.Open("if (!reader.End)");
        w.Line("throw TrailingBytes(envelope.Arguments.Length - reader.Consumed);");
        w.Close();
        w.Close();
        w.Open("catch (global::System.Exception ex)");
        w.Line("throw global::JobGen.JobPayloadException.ForArguments(envelope.Job, ex);");
        w.Close();
        w.Close();
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
