namespace Osvi.Dashboard.Theme;

/// <summary>The light/dark choice remembered per browser in a cookie, so the first paint already has the right colours.</summary>
public static class ThemePreference
{
    /// <summary>The cookie (written by <c>osviTheme.save</c> in <c>wwwroot/js/osvi.js</c>).</summary>
    public const string CookieName = "osvi-theme";

    /// <summary>The name the preference is cascaded under from <c>Routes</c>.</summary>
    public const string CascadeName = "ThemePreference";

    /// <summary>Dark.</summary>
    public const string Dark = "dark";

    /// <summary>Light.</summary>
    public const string Light = "light";

    /// <summary>The stored choice, or null when the browser has none (then the system setting decides).</summary>
    public static string? Read(string? cookie) => cookie switch
    {
        Dark => Dark,
        Light => Light,
        _ => null,
    };
}
