using System.Net;
using System.Text.RegularExpressions;

namespace Osvi.Dashboard.Testing;

/// <summary>Reads hidden form fields out of a statically rendered page (sign-in, change password).</summary>
public static partial class FormFields
{
    /// <summary>The antiforgery token of the first form on the page.</summary>
    public static string AntiforgeryToken(string html) => Hidden(html, "__RequestVerificationToken")
        ?? throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>The value of a hidden input, or null.</summary>
    public static string? Hidden(string html, string name)
    {
        ArgumentNullException.ThrowIfNull(html);
        foreach (Match input in Input().Matches(html))
        {
            if (input.Value.Contains($"name=\"{name}\"", StringComparison.Ordinal) && Value().Match(input.Value) is { Success: true } value)
            {
                return WebUtility.HtmlDecode(value.Groups[1].Value);
            }
        }

        return null;
    }

    [GeneratedRegex("<input[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Input();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex Value();
}
