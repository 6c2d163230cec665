using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace JobGen.Dashboard.Http;

/// <summary>
/// The safe default: an endpoint without an authorization policy answers only loopback requests. With a policy
/// (<c>.RequireAuthorization(...)</c>) ASP.NET Core's authorization middleware has already decided by the time the
/// handler runs, so every address is served.
/// </summary>
internal static class AccessGuard
{
    public static bool HasAuthorizationPolicy(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        return metadata is not null
            && (metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 || metadata.GetMetadata<AuthorizationPolicy>() is not null);
    }

    public static bool IsLoopback(IPAddress? address) =>
        address is not null && (IPAddress.IsLoopback(address) || (address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(address.MapToIPv4())));

    /// <summary>True when the request may be answered.</summary>
    public static bool Allows(HttpContext context, DashboardOptions options) =>
        options.AllowAnonymousRemote || HasAuthorizationPolicy(context) || IsLoopback(context.Connection.RemoteIpAddress);
}
