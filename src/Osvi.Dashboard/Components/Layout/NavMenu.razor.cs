using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Osvi.Dashboard.Security;

namespace Osvi.Dashboard.Components.Layout;

/// <summary>The navigation drawer's entries for the signed-in user's role, the current page's entry marked active.
/// It is on every page of every browser, so it is one component rendering MudBlazor's own nav-menu markup and icons as
/// plain markup, instead of a MudNavLink, NavLink and MudIcon per entry (each a component every circuit keeps).</summary>
public sealed partial class NavMenu : IDisposable
{
    private DashboardUser _user = DashboardUser.Anonymous;

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Raised when an entry is clicked (the layout closes a drawer that covers a narrow screen).</summary>
    [Parameter]
    public EventCallback OnNavigate { get; set; }

    protected override void OnInitialized() => Navigation.LocationChanged += OnLocationChanged;

    protected override async Task OnParametersSetAsync() =>
        _user = AuthenticationState is null ? DashboardUser.Anonymous : DashboardUser.From((await AuthenticationState).User);

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;

    /// <summary>NavLink's rule: the Overview (<c>""</c>) only on its own address, every other entry also on the pages under
    /// it (<c>calls</c> on <c>calls/123</c>, not on <c>callsx</c>); the query and fragment never count, case does not
    /// matter.</summary>
    internal static bool IsActive(string currentUri, string entryUri, bool exact)
    {
        var end = currentUri.IndexOfAny(['?', '#']);
        var current = end < 0 ? currentUri : currentUri[..end];
        if (string.Equals(current, entryUri, StringComparison.OrdinalIgnoreCase)
            || (current.Length == entryUri.Length - 1 && entryUri.EndsWith('/') && entryUri.StartsWith(current, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return !exact
            && current.StartsWith(entryUri, StringComparison.OrdinalIgnoreCase)
            && (entryUri.EndsWith('/') || current[entryUri.Length] == '/');
    }

    private bool IsCurrent(NavigationItem item) =>
        IsActive(Navigation.Uri, Navigation.ToAbsoluteUri(item.Href).AbsoluteUri, exact: item.Href.Length == 0);

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(StateHasChanged);

    private Task NavigatedAsync() => OnNavigate.InvokeAsync();
}
