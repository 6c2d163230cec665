namespace JobGen.Runtime.Tests.Recurring;

/// <summary>Which ticks a schedule has (Cronos, in its time zone) and which of them the planner claims, on fixed instants.</summary>
public sealed class CronSemanticsTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    private static CronSchedule Cron(string cron, string zone = "UTC") => CronSchedule.Parse("test", cron, zone);

    [Theory]
    [InlineData("* * * * *", "2026-01-15T10:00:30Z", "2026-01-15T10:01:00Z")]                // every minute
    [InlineData("*/15 * * * *", "2026-01-15T10:01:00Z", "2026-01-15T10:15:00Z")]             // step
    [InlineData("5,35 * * * *", "2026-01-15T10:06:00Z", "2026-01-15T10:35:00Z")]             // list
    [InlineData("0 9-17 * * *", "2026-01-15T17:30:00Z", "2026-01-16T09:00:00Z")]             // range
    [InlineData("0 9 * * MON-FRI", "2026-01-16T10:00:00Z", "2026-01-19T09:00:00Z")]          // day-of-week names (Fri → Mon)
    [InlineData("0 0 1,15 * *", "2026-01-02T00:00:00Z", "2026-01-15T00:00:00Z")]             // day-of-month list
    [InlineData("0 0 1 JAN,JUL *", "2026-01-02T00:00:00Z", "2026-07-01T00:00:00Z")]          // month names
    [InlineData("0 0 L * *", "2026-02-01T00:00:00Z", "2026-02-28T00:00:00Z")]                // last day of the month
    [InlineData("0 0 * * 5#3", "2026-01-01T00:00:00Z", "2026-01-16T00:00:00Z")]              // third Friday
    [InlineData("*/10 * * * * *", "2026-01-15T10:00:01Z", "2026-01-15T10:00:10Z")]           // six fields: seconds
    [InlineData("30 0 3 * * *", "2026-01-15T03:00:00Z", "2026-01-15T03:00:30Z")]             // six fields, a second in the day
    public void Every_field_form_gives_its_next_tick(string cron, string after, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected), Cron(cron).Next(DateTimeOffset.Parse(after)));
    }

    [Theory]
    [InlineData("* * * *", "4 fields")]
    [InlineData("* * * * * * *", "7 fields")]
    [InlineData("61 * * * *", "is invalid")]
    [InlineData("* 25 * * *", "is invalid")]
    [InlineData("0 0 * * FUNDAY", "is invalid")]
    public void An_invalid_expression_is_refused_with_the_reason(string cron, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => CronSchedule.Parse("nightly", cron, "UTC"));
        Assert.Contains("'nightly'", ex.Message);
        Assert.Contains(cron, ex.Message);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_with_its_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => CronSchedule.Parse("nightly", "0 3 * * *", "Mars/Olympus_Mons"));
        Assert.Contains("'Mars/Olympus_Mons'", ex.Message);
    }

    [Fact]
    public void A_time_zone_moves_the_tick_with_its_offset_in_winter_and_summer()
    {
        var paris = Cron("0 3 * * *", "Europe/Paris");
        Assert.Equal(Utc(2026, 1, 15, 2), paris.Next(Utc(2026, 1, 15)));  // CET, UTC+1
        Assert.Equal(Utc(2026, 7, 15, 1), paris.Next(Utc(2026, 7, 15)));  // CEST, UTC+2
    }

    [Fact]
    public void A_tick_in_the_hour_skipped_in_spring_runs_once_right_after_the_change()
    {
        // 29 March 2026, Europe/Paris: 02:00 local jumps to 03:00. 02:30 does not exist that day.
        var ticks = Cron("30 2 * * *", "Europe/Paris").Between(Utc(2026, 3, 28), Utc(2026, 3, 31)).ToArray();

        Assert.Equal([Utc(2026, 3, 28, 1, 30), Utc(2026, 3, 29, 1, 0), Utc(2026, 3, 30, 0, 30)], ticks);
    }

    [Fact]
    public void A_tick_in_the_hour_repeated_in_autumn_runs_once()
    {
        // 25 October 2026, Europe/Paris: 03:00 local goes back to 02:00. 02:30 happens twice that day.
        var ticks = Cron("30 2 * * *", "Europe/Paris").Between(Utc(2026, 10, 24), Utc(2026, 10, 27)).ToArray();

        Assert.Equal([Utc(2026, 10, 24, 0, 30), Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 26, 1, 30)], ticks);
    }

    [Fact]
    public void Late_ticks_within_a_minute_are_each_claimed_in_order()
    {
        var ticks = TickPlanner.DueTicks(Cron("*/10 * * * * *"), MissedTicks.Skip, Utc(2026, 1, 1, 0, 0, 0), Utc(2026, 1, 1, 0, 0, 35));

        Assert.Equal([Utc(2026, 1, 1, 0, 0, 10), Utc(2026, 1, 1, 0, 0, 20), Utc(2026, 1, 1, 0, 0, 30)], ticks);
    }

    [Fact]
    public void Missed_ticks_run_once_for_all_with_the_latest_missed_tick_then_the_recent_ones()
    {
        // Last tick at 00:00, no worker until 00:10:30: 00:01 .. 00:09 are missed (more than a minute late), 00:10 is late.
        var ticks = TickPlanner.DueTicks(Cron("* * * * *"), MissedTicks.RunOnce, Utc(2026, 1, 1), Utc(2026, 1, 1, 0, 10, 30));

        Assert.Equal([Utc(2026, 1, 1, 0, 9), Utc(2026, 1, 1, 0, 10)], ticks);
    }

    [Fact]
    public void Skipped_missed_ticks_enqueue_nothing_but_the_recent_ones()
    {
        var ticks = TickPlanner.DueTicks(Cron("* * * * *"), MissedTicks.Skip, Utc(2026, 1, 1), Utc(2026, 1, 1, 0, 10, 30));

        Assert.Equal([Utc(2026, 1, 1, 0, 10)], ticks);
    }

    [Fact]
    public void A_daily_tick_missed_by_hours_runs_once_or_is_skipped()
    {
        var cron = Cron("0 3 * * *", "Europe/Paris");
        var after = Utc(2026, 1, 14, 2);  // yesterday's 03:00 Paris
        var now = Utc(2026, 1, 15, 9);     // the worker came back at 10:00 Paris

        Assert.Equal([Utc(2026, 1, 15, 2)], TickPlanner.DueTicks(cron, MissedTicks.RunOnce, after, now));
        Assert.Empty(TickPlanner.DueTicks(cron, MissedTicks.Skip, after, now));
    }

    [Fact]
    public void A_yearly_tick_missed_long_ago_is_found_and_a_per_second_schedule_offline_for_a_month_stays_bounded()
    {
        Assert.Equal([Utc(2026, 1, 1)], TickPlanner.DueTicks(Cron("0 0 1 1 *"), MissedTicks.RunOnce, Utc(2024, 6, 1), Utc(2026, 6, 1)));

        var ticks = TickPlanner.DueTicks(Cron("* * * * * *"), MissedTicks.RunOnce, Utc(2026, 1, 1), Utc(2026, 2, 1));
        Assert.Equal(62, ticks.Count); // the latest missed one, then the last minute (both ends: 61)
        Assert.Equal(Utc(2026, 1, 31, 23, 58, 59), ticks[0]);
        Assert.Equal(Utc(2026, 2, 1), ticks[^1]);
    }

    [Fact]
    public void Nothing_is_due_before_the_first_tick_after_the_last_claimed_one()
    {
        Assert.Empty(TickPlanner.DueTicks(Cron("0 * * * *"), MissedTicks.RunOnce, Utc(2026, 1, 1, 10), Utc(2026, 1, 1, 10, 59, 59)));
        Assert.Equal([Utc(2026, 1, 1, 11)], TickPlanner.DueTicks(Cron("0 * * * *"), MissedTicks.RunOnce, Utc(2026, 1, 1, 10), Utc(2026, 1, 1, 11)));
    }
}
