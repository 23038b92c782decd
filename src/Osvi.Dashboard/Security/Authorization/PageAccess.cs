using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using MonitorPage = Osvi.Dashboard.Components.Pages.Monitor;
using NotFoundPage = Osvi.Dashboard.Components.Pages.NotFound;

namespace Osvi.Dashboard.Security.Authorization;

/// <summary>Which policy guards each page: the one place both the HTTP endpoint of a page and the page rendered inside a
/// live circuit (<c>PageGate</c>) ask, so the two can never disagree.</summary>
public static class PageAccess
{
    // Pages a kiosk link opens. Listed here rather than as an attribute on the page so the feature that owns the page
    // needs no security code of its own. "Not found" shows no data; it is what a wallboard sees for a mistyped address.
    private static readonly HashSet<Type> s_kioskPages = [typeof(MonitorPage), typeof(NotFoundPage)];

    /// <summary>The pages a kiosk link may open.</summary>
    public static IReadOnlyCollection<Type> KioskPages => s_kioskPages;

    /// <summary>The policy of a page, or null for a page anyone may open (<c>[AllowAnonymous]</c>: sign-in, errors).</summary>
    public static string? PolicyFor(Type page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.GetCustomAttribute<AllowAnonymousAttribute>(inherit: true) is not null)
        {
            return null;
        }

        return page.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Select(attribute => attribute.Policy).FirstOrDefault(policy => policy is not null)
            ?? (s_kioskPages.Contains(page) ? DashboardPolicies.Wallboard : DashboardPolicies.Staff);
    }

    /// <summary>True when <paramref name="page"/> is a kiosk page.</summary>
    public static bool IsKioskPage(Type page) => s_kioskPages.Contains(page);
}

/// <summary>Puts <see cref="PageAccess"/> on the HTTP side: the endpoints of kiosk pages and the Blazor hub accept a kiosk
/// link (every other page keeps its own <c>[Authorize]</c> or the fallback policy).</summary>
public static class PageAccessConventions
{
    /// <summary>The Blazor hub's path (its negotiate, disconnect and initializer endpoints live under it).</summary>
    public const string BlazorHubPath = "/_blazor";

    /// <summary>Adds the wallboard policy to the kiosk pages and the Blazor hub.</summary>
    public static RazorComponentsEndpointConventionBuilder RequireDashboardPageAccess(this RazorComponentsEndpointConventionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            var page = endpoint.Metadata.OfType<ComponentTypeMetadata>().FirstOrDefault()?.Type;
            if ((page is not null && PageAccess.IsKioskPage(page)) || IsBlazorHub(endpoint))
            {
                endpoint.Metadata.Add(new AuthorizeAttribute(DashboardPolicies.Wallboard));
            }
        });
        return builder;
    }

    private static bool IsBlazorHub(EndpointBuilder endpoint) =>
        endpoint is RouteEndpointBuilder route
        && ("/" + route.RoutePattern.RawText?.TrimStart('/')).StartsWith(BlazorHubPath, StringComparison.OrdinalIgnoreCase);
}
