using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using JobGen.Generator.Model;
using JobGen.Generator.Parsing;

namespace JobGen.Generator.Emitting;

/// <summary>
/// Emits, per job, <c>Create{Name}Request</c>, <c>Enqueue{Name}Async</c> and the two <c>Schedule{Name}Async</c>
/// overloads as members of the assembly's <c>{Prefix}Jobs</c> class.
/// </summary>
internal sealed class ClientApiEmitter
{
    private readonly FormatterEmitter _formatters;

    public ClientApiEmitter(FormatterEmitter formatters) => _formatters = formatters;

    public void Emit(SourceWriter w, NamedJobModel named)
    {
        var job = named.Job;
        var name = named.ApiName;
        var access = job.IsPublic ? "public" : "internal";
        var args = job.Parameters.Where(p => p.Role == JobParameterRole.Argument).ToList();
        var withDefaults = string.Join(", ", args.Select(p => Declaration(p, withDefault: true)));
        var withoutDefaults = string.Join(", ", args.Select(p => Declaration(p, withDefault: false)));
        var passed = string.Join(", ", args.Select(p => EmitNames.Identifier(p.Name)));
        var client = EmitNames.Unique("client", args);
        var options = EmitNames.Unique("options", args);
        var token = EmitNames.Unique("cancellationToken", args);
        var runAt = EmitNames.Unique("runAt", args);
        var delay = EmitNames.Unique("delay", args);
        var buffer = EmitNames.Unique("buffer", args);
        var writer = EmitNames.Unique("writer", args);
        var tail = $"global::JobGen.EnqueueOptions? {options} = null, {EmitNames.CancellationToken} {token} = default";
        var head = $"this global::JobGen.IJobClient {client}";
        var method = job.ContainingTypeDisplayName + "." + job.MethodName;
        var target = job.JobId == method ? $"<c>{Xml(job.JobId)}</c>" : $"<c>{Xml(job.JobId)}</c> (<c>{Xml(method)}</c>)";

        w.Line($"// ---- {EmitNames.Comment(job.JobId)}: {job.ContainingTypeFullName}.{job.MethodName}");
        w.Line($"/// <summary>Builds the request of job {target} with its arguments encoded, for <see cref=\"global::JobGen.IJobClient.EnqueueManyAsync\"/>.</summary>");
        w.Open($"{access} static global::JobGen.JobRequest Create{name}Request({withDefaults})");
        w.Line($"var {buffer} = global::JobGen.PayloadBuffer.Rent();");
        w.Line($"var {writer} = new {EmitNames.Writer}({buffer});");
        w.Line($"{writer}.WriteArrayHeader({args.Count.ToString(CultureInfo.InvariantCulture)});");
        foreach (var p in args)
        {
            w.Line(SensitiveEmitter.WriteCall(_formatters, job.JobId, p, writer, EmitNames.Identifier(p.Name)));
        }

        w.Line($"{writer}.Flush();");
        w.Line($"return new global::JobGen.JobRequest({EmitNames.Literal(job.JobId)}, {EmitNames.Literal(job.Queue)}, {job.MaxAttempts.ToString(CultureInfo.InvariantCulture)}, {buffer}.Complete()){RequestInitializer(job)};");
        w.Close();
        w.Line();

        w.Line($"/// <summary>Enqueues job {target} to run as soon as a worker is free; returns the new job's id.</summary>");
        EmitCall(w, $"{access} static {EmitNames.ValueTask}<string> Enqueue{name}Async({Join(head, withDefaults, tail)})", client, $"Create{name}Request({passed})", options, token);
        w.Line();

        w.Line($"/// <summary>Schedules job {target} to run at <paramref name=\"{runAt}\"/>; returns the new job's id.</summary>");
        EmitCall(w, $"{access} static {EmitNames.ValueTask}<string> Schedule{name}Async({Join(head, withoutDefaults, $"global::System.DateTimeOffset {runAt}, " + tail)})", client, $"Create{name}Request({passed}) with {{ RunAt = {runAt} }}", options, token);
        w.Line();

        w.Line($"/// <summary>Schedules job {target} to run after <paramref name=\"{delay}\"/>; returns the new job's id.</summary>");
        EmitCall(w, $"{access} static {EmitNames.ValueTask}<string> Schedule{name}Async({Join(head, withoutDefaults, $"global::System.TimeSpan {delay}, " + tail)})", client, $"Create{name}Request({passed}) with {{ Delay = {delay} }}", options, token);
    }

    // Only jobs with flow-control options get an initializer: every other job's emitted code is unchanged.
    // Only jobs with these options get an initializer: a plain job's request (and its snapshot) stays as it was.
    private static string RequestInitializer(JobModel job)
    {
        var members = new List<string>();
        if (job.Priority != 0)
        {
            // [BackgroundJob(Priority = n)]: carried as the job's "priority" header, which storages with priorities read.
            var priority = EmitNames.Literal(job.Priority.ToString(CultureInfo.InvariantCulture));
            members.Add($"Headers = new global::System.Collections.Generic.Dictionary<string, string>(1) {{ [\"priority\"] = {priority} }}");
        }

        if (job.FlowControl is not { } flow)
        {
            return members.Count == 0 ? "" : " { " + string.Join(", ", members) + " }";
        }

        if (flow.ExpiresAfterSeconds > 0)
        {
            members.Add($"ExpiresAfter = global::System.TimeSpan.FromSeconds({flow.ExpiresAfterSeconds.ToString(CultureInfo.InvariantCulture)})");
        }

        if (flow.Unique)
        {
            var lockFor = flow.UniqueLockSeconds > 0 ? $" {{ LockFor = global::System.TimeSpan.FromSeconds({flow.UniqueLockSeconds.ToString(CultureInfo.InvariantCulture)}) }}" : "";
            members.Add($"Unique = new global::JobGen.UniqueOptions((global::JobGen.UniqueUntil){flow.UniqueUntil.ToString(CultureInfo.InvariantCulture)}){lockFor}");
        }

        return " { " + string.Join(", ", members) + " }";
    }

    private static void EmitCall(SourceWriter w, string signature, string client, string request, string options, string token)
    {
        w.Open(signature);
        w.Line($"global::System.ArgumentNullException.ThrowIfNull({client});");
        w.Line($"return {client}.EnqueueAsync({request}, {options}, {token});");
        w.Close();
    }

    private static string Declaration(JobParameterModel p, bool withDefault) =>
        $"{p.TypeName} {EmitNames.Identifier(p.Name)}" + (withDefault && p.DefaultValue is { } value ? " = " + value : "");

    private static string Join(params string[] parts) => string.Join(", ", parts.Where(p => p.Length > 0));

    /// <summary>Escapes text for an XML doc comment.</summary>
    public static string Xml(string text) => EmitNames.Comment(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
