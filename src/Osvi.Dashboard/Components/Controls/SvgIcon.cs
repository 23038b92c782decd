using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Osvi.Dashboard.Components.Controls;

/// <summary>A MudBlazor icon as plain markup, the same element <see cref="MudIcon"/> renders, for places that show an icon
/// and nothing else. A component costs every circuit its state and two render buffers for as long as the page is open;
/// an icon in the shell or a button is on every page of every browser all day, so it is markup: one shared string per
/// icon, size and class, not a component per circuit.</summary>
public static class SvgIcon
{
    private static readonly ConcurrentDictionary<(string Icon, Size Size, string? CssClass), MarkupString> s_icons = new();

    /// <summary>The icon (one of <see cref="Icons"/>, which are SVG markup the library ships) as a decorative
    /// <c>svg</c>, hidden from assistive technology: the control around it carries the text or label.</summary>
    public static MarkupString Of(string icon, Size size = Size.Medium, string? cssClass = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(icon);
        return s_icons.GetOrAdd((icon, size, cssClass), static key => new MarkupString(Html(key.Icon, key.Size, key.CssClass)));
    }

    /// <summary>The same markup as a string, for rows built as one piece of markup.</summary>
    public static string Html(string icon, Size size = Size.Medium, string? cssClass = null) =>
        $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{SizeName(size)}{(cssClass is null ? "" : " " + SafeHtml.Encode(cssClass))}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{icon}</svg>";

    private static string SizeName(Size size) => size switch
    {
        Size.Small => "small",
        Size.Large => "large",
        _ => "medium",
    };
}
