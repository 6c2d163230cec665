using JobGen.Dashboard;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the JobGen dashboard's services.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds what the dashboard needs (its options and ASP.NET Core antiforgery); map it with
    /// <c>app.MapJobGenDashboard("/jobs")</c>. The app registers JobGen itself with <c>AddJobGen</c>.
    /// </summary>
    public static IServiceCollection AddJobGenDashboard(this IServiceCollection services, Action<DashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAntiforgery();
        var options = services.AddOptions<DashboardOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<DashboardMarker>();
        return services;
    }
}
