using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Osvi.Dashboard.Components.Controls;

/// <summary>Text made safe for markup the dashboard builds itself (a <see cref="Microsoft.AspNetCore.Components.MarkupString"/>):
/// every character that could open a tag, end an attribute or start an entity is encoded, so a name, reason or id from
/// OSVI can only ever be text. Letters of every script stay as they are, which keeps the strings short.</summary>
public static class SafeHtml
{
    private static readonly HtmlEncoder s_encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The text encoded for an element's content or a double-quoted attribute value; "" for none.</summary>
    public static string Encode(string? text) => string.IsNullOrEmpty(text) ? "" : s_encoder.Encode(text);
}
