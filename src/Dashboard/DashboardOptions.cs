namespace JobGen.Dashboard;

/// <summary>Settings of the dashboard (<c>AddJobGenDashboard(o => ...)</c>). See docs/dashboard.md.</summary>
public sealed class DashboardOptions
{
    /// <summary>Hide every action (pause, clear, retry, delete, run now, quiet, stop) and refuse its POST with 403. Default false.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>The name in the header and the page titles. Default "JobGen".</summary>
    public string Title { get; set; } = "JobGen";

    /// <summary>Rows per page of every list (1 to 500). Default 25.</summary>
    public int PageSize { get; set; } = 25;

    /// <summary>How often the overview's live chart asks for the totals. Default 2 s.</summary>
    public TimeSpan LivePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Answer requests from any address even when no authorization policy is on the endpoints. Default false: without a
    /// policy only loopback requests are answered. Set it only when something else in front of the app (a VPN, an
    /// authenticating proxy) already decides who gets through.
    /// </summary>
    public bool AllowAnonymousRemote { get; set; }
}
