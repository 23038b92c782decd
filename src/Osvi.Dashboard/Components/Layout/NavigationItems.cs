using MudBlazor;
using Osvi.Dashboard.Security;

namespace Osvi.Dashboard.Components.Layout;

/// <summary>One entry of the navigation drawer.</summary>
/// <param name="Title">The label.</param>
/// <param name="Href">Relative to the base (<c>""</c> is the Overview).</param>
/// <param name="Icon">A MudBlazor icon.</param>
/// <param name="Requires">The permission the entry needs (shown only to roles that hold it), or null for every role.
/// Hiding is a courtesy: the page itself is guarded on the server.</param>
public sealed record NavigationItem(string Title, string Href, string Icon, DashboardPermission? Requires = null)
{
    /// <summary>True when <paramref name="user"/> sees this entry.</summary>
    public bool IsVisibleTo(DashboardUser user) => user is { IsAuthenticated: true, IsKiosk: false } && (Requires is not { } permission || user.Can(permission));
}

/// <summary>The drawer's entries, in order. Tests walk this list, so a new page in the menu is tested automatically.</summary>
public static class NavigationItems
{
    /// <summary>Every entry.</summary>
    public static IReadOnlyList<NavigationItem> All { get; } =
    [
        new("Overview", "", Icons.Material.Outlined.SpaceDashboard),
        new("Agents", "agents", Icons.Material.Outlined.SupportAgent),
        new("Calls", "calls", Icons.Material.Outlined.Call),
        new("Campaigns", "campaigns", Icons.Material.Outlined.Campaign),
        new("Monitor", "monitor", Icons.Material.Outlined.Tv),
        new("DND", "dnd", Icons.Material.Outlined.DoNotDisturbOn),
        new("Chat", "chat", Icons.Material.Outlined.Forum),
        new("Audit", "audit", Icons.Material.Outlined.FactCheck, DashboardPermission.ReadAuditLog),
        new("Users", "admin/users", Icons.Material.Outlined.ManageAccounts, DashboardPermission.ManageUsers),
        new("Kiosk links", "admin/kiosk", Icons.Material.Outlined.ScreenShare, DashboardPermission.ManageKioskLinks),
        new("Settings", "admin/settings", Icons.Material.Outlined.Settings, DashboardPermission.ManageSettings),
    ];
}
