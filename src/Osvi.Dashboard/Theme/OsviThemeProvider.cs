using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace Osvi.Dashboard.Theme;

/// <summary>MudBlazor's theme provider with its stylesheet shared by every circuit. The provider writes the theme's
/// CSS variables (about 24 KB of text) into its render tree as a new string on every circuit, where it stays for as
/// long as the page is open; the text only ever depends on the theme and the mode, so each distinct text is kept once
/// and every circuit's render tree points at that one string. The charts' hover rule the base also writes is in
/// app.css.</summary>
public sealed class OsviThemeProvider : MudThemeProvider
{
    private static readonly ConcurrentDictionary<string, string> s_stylesheets = new(StringComparer.Ordinal);

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        // MudBlazor's scrollbar styles unless the browser's own scrollbar is asked for, as the base does.
        if (!DefaultScrollbar)
        {
            builder.AddMarkupContent(0, Shared(BuildMudBlazorScrollbar()));
        }

        builder.AddMarkupContent(1, Shared(BuildTheme()));
    }

    private static string Shared(string stylesheet) => s_stylesheets.GetOrAdd(stylesheet, stylesheet);
}
