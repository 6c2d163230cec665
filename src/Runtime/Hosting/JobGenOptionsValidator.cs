using JobGen.Worker;
using Microsoft.Extensions.Options;

namespace JobGen;

/// <summary>
/// Checks <see cref="JobGenOptions"/> when the host starts; every message names the configuration key, the
/// allowed range and the value found, so the fix is obvious.
/// </summary>
internal sealed class JobGenOptionsValidator : IValidateOptions<JobGenOptions>
{
    public ValidateOptionsResult Validate(string? name, JobGenOptions options)
    {
        var errors = new List<string>();
        var w = options.Worker;
        Range(errors, "JobGen:MaxPayloadBytes", options.MaxPayloadBytes, 0, int.MaxValue);
        Range(errors, "JobGen:DeadJobsMaxCount", options.DeadJobsMaxCount, 1, int.MaxValue);
        Positive(errors, "JobGen:DeadJobsMaxAge", options.DeadJobsMaxAge);
        Range(errors, "JobGen:Worker:Concurrency", w.Concurrency, 1, 1000);
        Range(errors, "JobGen:Worker:FetchBatchSize", w.FetchBatchSize, 0, 10_000);
        Positive(errors, "JobGen:Worker:FetchWait", w.FetchWait);
        Positive(errors, "JobGen:Worker:PollInterval", w.PollInterval);
        Positive(errors, "JobGen:Worker:HeartbeatInterval", w.HeartbeatInterval);
        Positive(errors, "JobGen:Worker:StatsFlushInterval", w.StatsFlushInterval);
        Positive(errors, "JobGen:Worker:ShutdownTimeout", w.ShutdownTimeout);
        if (w.LeaseDuration < TimeSpan.FromSeconds(3))
        {
            errors.Add($"JobGen:Worker:LeaseDuration must be at least 00:00:03 (it is renewed every third of it); it is {w.LeaseDuration}.");
        }

        if (w.HeartbeatTtl <= w.HeartbeatInterval)
        {
            errors.Add($"JobGen:Worker:HeartbeatTtl must be longer than JobGen:Worker:HeartbeatInterval ({w.HeartbeatInterval}); it is {w.HeartbeatTtl}.");
        }

        if (w.DefaultJobTimeout < TimeSpan.Zero)
        {
            errors.Add($"JobGen:Worker:DefaultJobTimeout must be zero (no timeout) or positive; it is {w.DefaultJobTimeout}.");
        }

        for (var i = 0; i < w.Queues.Count; i++)
        {
            try
            {
                QueueSelector.ParseEntry(w.Queues[i]);
            }
            catch (FormatException ex)
            {
                errors.Add($"JobGen:Worker:Queues:{i} must be \"name\" or \"name,weight\": {ex.Message}.");
            }
        }

        KeyRingParser.Parse(options.Security.SigningKeys, "SigningKeys", minSecret: 32, maxSecret: 1024, errors);
        KeyRingParser.Parse(options.Security.SensitiveKeys, "SensitiveKeys", minSecret: 32, maxSecret: 32, errors);
        Positive(errors, "JobGen:Worker:ScheduleRefreshInterval", w.ScheduleRefreshInterval);
        Positive(errors, "JobGen:Worker:RemovedScheduleGrace", w.RemovedScheduleGrace);
        try
        {
            QueueWindows.Parse(w.QueueWindows);
        }
        catch (FormatException ex)
        {
            errors.Add($"JobGen:Worker:QueueWindows: {ex.Message}.");
        }

        if (errors.Count == 0 && w.Queues.Count > 0)
        {
            try
            {
                QueueSelector.Parse([.. w.Queues]);
            }
            catch (FormatException ex)
            {
                errors.Add($"JobGen:Worker:Queues: {ex.Message}.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(max == int.MaxValue
                ? $"{key} must be at least {min}; it is {value}."
                : $"{key} must be between {min} and {max}; it is {value}.");
        }
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be a positive time span such as 00:00:05; it is {value}.");
        }
    }
}
