using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using Osvi.Dashboard.Theme;

namespace Osvi.Dashboard.Components.Layout;

/// <summary>The shell of every page: theme and MudBlazor providers, app bar (mode, OSVI connection, theme switch),
/// navigation drawer, demo banner, and an error boundary so a failing page never takes the shell down.</summary>
public sealed partial class MainLayout
{
    private OsviThemeProvider? _themeProvider;
    private ErrorBoundary? _errorBoundary;
    private bool _isDarkMode;
    private bool _drawerOpen = true;

    [Inject]
    public required IJSRuntime JS { get; init; }

    /// <summary>The browser's remembered choice, or null to follow the system setting.</summary>
    [CascadingParameter(Name = ThemePreference.CascadeName)]
    public string? RememberedTheme { get; set; }

    private string ThemeName => _isDarkMode ? ThemePreference.Dark : ThemePreference.Light;

    private string ThemeToggleLabel => _isDarkMode ? "Switch to the light theme" : "Switch to the dark theme";

    protected override void OnInitialized() => _isDarkMode = RememberedTheme == ThemePreference.Dark;

    // A new page (navigation) gets a fresh chance after a crash.
    protected override void OnParametersSet() => _errorBoundary?.Recover();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RememberedTheme is null && _themeProvider is not null)
        {
            var systemDark = await _themeProvider.GetSystemDarkModeAsync();
            if (systemDark != _isDarkMode)
            {
                _isDarkMode = systemDark;
                StateHasChanged();
            }
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private void Recover() => _errorBoundary?.Recover();

    private async Task ToggleThemeAsync()
    {
        _isDarkMode = !_isDarkMode;
        await JS.InvokeVoidAsync("osviTheme.save", ThemeName);
    }
}
