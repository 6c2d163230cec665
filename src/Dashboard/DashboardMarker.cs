namespace JobGen.Dashboard;

/// <summary>Registered by <c>AddJobGenDashboard</c>, so mapping without it fails at start-up with a clear message.</summary>
internal sealed class DashboardMarker;
