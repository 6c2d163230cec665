using JobGen.Generator.Parsing;
using Microsoft.Extensions.Logging;

namespace JobGen.Worker;

/// <summary>
/// Mistakes in an app's wiring that would otherwise show up only as dead jobs: a worker with no registered job
/// (every job would die as <c>UnknownJob</c>, even those a correctly deployed worker could run) refuses to
/// start; a worked queue that no registered job uses by default is logged as a warning. See docs/worker.md.
/// </summary>
internal static class WorkerStartChecks
{
    /// <summary>Throws when no job is registered, naming the generated method the app most likely forgot.</summary>
    public static void EnsureJobsRegistered(JobDispatcherTable table, string appName)
    {
        if (table.Count > 0)
        {
            return;
        }

        throw new InvalidOperationException(
            "The JobGen worker has no registered job, so it would send every job it fetches to the dead set as UnknownJob. " +
            "Call the generated registration method of each assembly that declares [BackgroundJob] methods, " +
            $"for example services.{JobsClassName.RegistrationMethod(appName)}() for the jobs of '{appName}' " +
            "(docs/generator.md gives the rule), or set JobGen:Worker:Enabled=false in an app that only enqueues.");
    }

    /// <summary>The worked queues that no registered job names as its default queue, in the order they are worked.</summary>
    public static IReadOnlyList<string> UncoveredQueues(JobDispatcherTable table, IReadOnlyList<string> workedQueues)
    {
        var used = new HashSet<string>(table.Queues, StringComparer.Ordinal);
        return [.. workedQueues.Where(q => !used.Contains(q))];
    }

    /// <summary>Logs a warning per worked queue that no registered job uses.</summary>
    public static void WarnAboutUncoveredQueues(ILogger logger, JobDispatcherTable table, IReadOnlyList<string> workedQueues)
    {
        var uncovered = UncoveredQueues(table, workedQueues);
        if (uncovered.Count == 0)
        {
            return;
        }

        var queuesOfJobs = string.Join(", ", table.Queues.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        foreach (var queue in uncovered)
        {
            WorkerLog.QueueWithoutJobs(logger, queue, queuesOfJobs);
        }
    }
}
