using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using Osvi.Dashboard.Theme;

namespace Osvi.Dashboard.Components.Layout;

/// <summary>The shell of every page: theme and MudBlazor providers, app bar (mode, OSVI connection, theme switch),
/// navigation drawer, demo banner, and an error boundary so a failing page never takes the shell down.</summary>
/// <remarks>The layout, app bar, drawer and main content are MudBlazor's markup and classes rather than MudLayout,
/// MudAppBar, MudDrawer and MudMainContent: on every page of every circuit those are ten components and a viewport
/// listener per circuit, for a drawer whose only decision is "open or not". Mud's CSS still does the rest: a drawer
/// in its initial state shows on wide screens and stays hidden on narrow ones (no flash before the browser answers),
/// and the overlay appears only where an open drawer covers the page.</remarks>
public sealed partial class MainLayout
{
    // MudBlazor's "md" breakpoint: below it the responsive drawer covers the page instead of pushing it aside.
    private const string NarrowScreenQuery = "(max-width: 959.98px)";

    private OsviThemeProvider? _themeProvider;
    private ErrorBoundary? _errorBoundary;
    private bool _isDarkMode;
    private bool _drawerOpen = true;
    private bool _drawerInitial = true;

    [Inject]
    public required IJSRuntime JS { get; init; }

    /// <summary>The browser's remembered choice, or null to follow the system setting.</summary>
    [CascadingParameter(Name = ThemePreference.CascadeName)]
    public string? RememberedTheme { get; set; }

    private string ThemeName => _isDarkMode ? ThemePreference.Dark : ThemePreference.Light;

    private string ThemeToggleLabel => _isDarkMode ? "Switch to the light theme" : "Switch to the dark theme";

    private string LayoutClass => _drawerOpen
        ? "mud-layout mud-drawer-open-responsive-md-left mud-drawer-left-clipped-always osvi-shell"
        : "mud-layout mud-drawer-close-responsive-md-left mud-drawer-left-clipped-always osvi-shell";

    private string DrawerClass =>
        "mud-drawer mud-drawer-fixed mud-drawer-pos-left " + (_drawerOpen ? "mud-drawer--open" : "mud-drawer--closed")
        + (_drawerInitial ? " mud-drawer--initial" : "") + " mud-drawer-md mud-drawer-clipped-always mud-elevation-0 mud-drawer-responsive osvi-drawer";

    private string OverlayClass =>
        "mud-overlay mud-drawer-overlay mud-overlay-drawer mud-drawer-pos-left mud-drawer-overlay--open mud-drawer-overlay-responsive mud-drawer-overlay-md"
        + (_drawerInitial ? " mud-drawer--initial" : "");

    protected override void OnInitialized() => _isDarkMode = RememberedTheme == ThemePreference.Dark;

    // A new page (navigation) gets a fresh chance after a crash.
    protected override void OnParametersSet() => _errorBoundary?.Recover();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        if (RememberedTheme is null && _themeProvider is not null)
        {
            var systemDark = await _themeProvider.GetSystemDarkModeAsync();
            if (systemDark != _isDarkMode)
            {
                _isDarkMode = systemDark;
                StateHasChanged();
            }
        }

        // A narrow screen starts with the drawer closed (Mud's CSS already hides it there while it is "initial"), so the
        // first press of the menu button opens it.
        if (await IsNarrowScreenAsync())
        {
            _drawerOpen = false;
            StateHasChanged();
        }
    }

    private void ToggleDrawer()
    {
        _drawerOpen = !_drawerOpen;
        _drawerInitial = false;
    }

    private void CloseDrawer()
    {
        _drawerOpen = false;
        _drawerInitial = false;
    }

    // After a click on a menu entry, as MudDrawer did for MudNavLink: a drawer that covers the page gets out of the way.
    private async Task CloseDrawerOnSmallScreensAsync()
    {
        if (_drawerOpen && await IsNarrowScreenAsync())
        {
            CloseDrawer();
        }
    }

    private async Task<bool> IsNarrowScreenAsync()
    {
        try
        {
            return await JS.InvokeAsync<bool>("osviShell.matches", NarrowScreenQuery);
        }
        catch (Exception exception) when (exception is JSException or JSDisconnectedException or TaskCanceledException)
        {
            return false;   // no answer (the browser went away): leave the drawer as it is
        }
    }

    private void Recover() => _errorBoundary?.Recover();

    private async Task ToggleThemeAsync()
    {
        _isDarkMode = !_isDarkMode;
        await JS.InvokeVoidAsync("osviTheme.save", ThemeName);
    }
}
