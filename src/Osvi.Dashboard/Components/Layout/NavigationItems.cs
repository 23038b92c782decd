using MudBlazor;

namespace Osvi.Dashboard.Components.Layout;

/// <summary>One entry of the navigation drawer.</summary>
/// <param name="Title">The label.</param>
/// <param name="Href">Relative to the base (<c>""</c> is the Overview).</param>
/// <param name="Icon">A MudBlazor icon.</param>
public sealed record NavigationItem(string Title, string Href, string Icon);

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
        new("Audit", "audit", Icons.Material.Outlined.FactCheck),
    ];
}
