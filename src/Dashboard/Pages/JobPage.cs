using JobGen.Dashboard.Arguments;
using JobGen.Dashboard.Html;
using JobGen.Dashboard.Http;
using JobGen.Storage;

namespace JobGen.Dashboard.Pages;

/// <summary>One job: its whole envelope, its arguments by parameter name and type (from the catalog), its error and stack, its actions.</summary>
internal static class JobPage
{
    public static async Task RenderAsync(DashboardRequest request)
    {
        var queue = request.RequiredQuery("queue");
        var id = request.RequiredQuery("id");
        PayloadSet? hint = request.Query("set") switch
        {
            null => null,
            "ready" => PayloadSet.Ready,
            "inflight" => PayloadSet.InFlight,
            "scheduled" => PayloadSet.Scheduled,
            "dead" => PayloadSet.Dead,
            _ => throw new DashboardInputException(400, "The address names an unknown job state."),
        };
        long? position = long.TryParse(request.Query("at"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var at) ? at : null;
        var found = await request.Monitor.FindJobAsync(id, queue, hint, position, request.Aborted).ConfigureAwait(false)
            ?? throw new DashboardInputException(404, $"No job with id '{id}' is on queue '{queue}' now: it may have run, been deleted, or moved to another state.");
        var envelope = found.Envelope;
        var descriptor = request.App.Catalog.Find(envelope?.Job ?? found.Dead?.Job);
        var state = StateOf(found);

        await request.WritePageAsync("Job " + id, NavOf(state), w =>
        {
            w.Raw("<div class=\"title-row\"><h1>").Text(envelope?.Job ?? found.Dead?.Job ?? "Undecodable job").Raw("</h1>");
            w.Element("span", state.Css, state.Label);
            Actions(w, request, found, state);
            w.Raw("</div>");

            w.Raw("<div class=\"columns\"><section class=\"card\"><h2>Envelope</h2><dl class=\"facts\">");
            Fact(w, "Id", id, mono: true);
            Fact(w, "Job", envelope?.Job ?? found.Dead?.Job);
            Fact(w, "Queue", found.Queue);
            if (envelope is not null)
            {
                Fact(w, "Kind", envelope.Kind.ToString());
                Fact(w, "Attempt", Format.Int(envelope.Attempt) + " of " + Format.Int(envelope.MaxAttempts) + (envelope.Attempt == 0 ? " (not run yet)" : string.Empty));
                Fact(w, "Created", Format.Time(envelope.CreatedAt));
                Fact(w, "Enqueued", Format.Time(envelope.EnqueuedAt));
            }

            if (found.Score is { } score)
            {
                Fact(w, found.Set switch { PayloadSet.Dead => "Died", PayloadSet.InFlight => "Lease until", _ => "Due" }, Format.Time(score) + " (" + Format.Relative(score, request.Now) + ")");
            }

            w.Raw("</dl>");
            if (envelope is { Headers.Count: > 0 })
            {
                w.Raw("<h3>Headers</h3><dl class=\"facts\">");
                foreach (var (name, value) in envelope.Headers.OrderBy(h => h.Key, StringComparer.Ordinal))
                {
                    Fact(w, name, value, mono: true);
                }

                w.Raw("</dl>");
            }

            w.Raw("</section><section class=\"card\"><h2>Arguments</h2>");
            Arguments(w, envelope, descriptor);
            w.Raw("</section></div>");

            if (found.Dead is { } dead)
            {
                w.Raw("<section class=\"card\"><h2>Why it died</h2><dl class=\"facts\">");
                Fact(w, "Reason", dead.Reason.ToString());
                Fact(w, "Message", dead.Message);
                Fact(w, "Exception", dead.ExceptionType, mono: true);
                w.Raw("</dl>");
                if (!string.IsNullOrEmpty(dead.StackTrace))
                {
                    w.Raw("<pre class=\"stack\">").Text(dead.StackTrace).Raw("</pre>");
                }

                w.Raw("</section>");
            }
            else if (!string.IsNullOrEmpty(envelope?.LastError))
            {
                w.Raw("<section class=\"card\"><h2>Last error</h2><pre class=\"stack\">").Text(envelope.LastError).Raw("</pre></section>");
            }
        }).ConfigureAwait(false);
    }

    private static void Arguments(HtmlWriter w, JobEnvelope? envelope, JobDescriptor? descriptor)
    {
        if (envelope is null)
        {
            w.Raw("<p class=\"empty\">The envelope does not decode, so its arguments cannot be shown.</p>");
            return;
        }

        var arguments = ArgumentDecoder.Decode(envelope.Arguments, descriptor, out var problem);
        if (descriptor is null)
        {
            w.Raw("<p class=\"muted small\">This app's catalog does not know this job: arguments are shown as MessagePack values.</p>");
        }

        if (arguments.Count == 0 && problem is null)
        {
            w.Raw("<p class=\"empty\">No arguments.</p>");
        }
        else
        {
            w.Raw("<table class=\"grid\"><thead><tr><th>Name</th><th>Type</th><th>Value</th></tr></thead><tbody>");
            foreach (var argument in arguments)
            {
                w.Raw("<tr><td class=\"strong\">").Text(argument.Name).Raw("</td><td class=\"mono muted\">").Text(argument.Type).Raw("</td><td class=\"mono value\">").Text(argument.Value).Raw("</td></tr>");
            }

            w.Raw("</tbody></table>");
        }

        if (problem is not null)
        {
            w.Raw("<p class=\"bad small\">").Text(problem).Raw("</p>");
        }
    }

    private static void Actions(HtmlWriter w, DashboardRequest request, FoundJob found, State state)
    {
        if (request.Options.ReadOnly || state.List is not { } list || found.Envelope is null && found.Dead is null)
        {
            return;
        }

        var id = found.Dead?.JobId ?? found.Envelope!.Id;
        var (key, _) = JobListPage.Names(list);
        w.Raw("<form method=\"post\" class=\"actions\"").Attr("action", request.Url("/actions/" + key)).Raw(">");
        request.AntiforgeryField(w);
        w.Hidden("queue", found.Queue).Hidden("returnTo", request.Url("/" + key, ("queue", found.Queue)));
        w.Raw("<button type=\"submit\" name=\"row\" class=\"button button-primary\"").Attr("value", "run|" + id).Raw(">").Text(list == JobList.Dead ? "Retry" : "Run now").Raw("</button>");
        if (list != JobList.Dead)
        {
            w.Raw("<button type=\"submit\" name=\"row\" class=\"button button-danger\"").Attr("value", "kill|" + id).Raw(">Kill</button>");
        }

        w.Raw("<button type=\"submit\" name=\"row\" class=\"button button-danger\"").Attr("value", "delete|" + id).Raw(">Delete</button></form>");
    }

    private static State StateOf(FoundJob found) => found.Set switch
    {
        PayloadSet.Dead => new State("dead", "badge badge-bad", JobList.Dead),
        PayloadSet.InFlight => new State("running", "badge badge-info", null),
        PayloadSet.Ready => new State("waiting", "badge badge-ok", null),
        _ when found.Envelope is { Attempt: > 0 } => new State("retry", "badge badge-warn", JobList.Retries),
        _ => new State("scheduled", "badge badge-info", JobList.Scheduled),
    };

    private static string NavOf(State state) => state.List switch
    {
        JobList.Dead => "dead",
        JobList.Retries => "retries",
        JobList.Scheduled => "scheduled",
        _ => "queues",
    };

    private static void Fact(HtmlWriter w, string name, string? value, bool mono = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        w.Raw("<dt>").Text(name).Raw("</dt><dd").Raw(mono ? " class=\"mono\">" : ">").Text(value).Raw("</dd>");
    }

    private sealed record State(string Label, string Css, JobList? List);
}
