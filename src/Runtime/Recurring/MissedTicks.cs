namespace JobGen;

/// <summary>What a recurring schedule does with ticks missed while no worker ran (more than a minute late).</summary>
public enum MissedTicks
{
    /// <summary>Enqueue one job for all the missed ticks (its tick time is the latest of them). The default.</summary>
    RunOnce = 0,

    /// <summary>Enqueue nothing for them; the schedule carries on with its next tick.</summary>
    Skip = 1,
}
