using System.Text.RegularExpressions;
using Refit;

namespace Osvi.Client;

/// <summary>Keeps the API token and presigned URLs out of exceptions and messages.</summary>
internal static partial class OsviRedaction
{
    public const string Redacted = "[redacted]";

    /// <summary>Refit's <see cref="RefitSettings.ExceptionRedactor"/>: runs on every <see cref="ApiExceptionBase"/>
    /// before it reaches a caller, a logger or telemetry that walks its properties.</summary>
    public static void RedactException(ApiExceptionBase exception, string? token)
    {
        exception.RequestMessage?.Headers.Remove(OsviApiOptions.ApiTokenHeaderName);
        exception.RequestContent = Scrub(exception.RequestContent, token);
        if (exception is ApiException api)
        {
            api.Content = Scrub(api.Content, token);
        }
    }

    /// <summary>Replaces the token and the query string of every URL (a presigned URL's signature lives there).</summary>
    public static string? Scrub(string? text, string? token)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var trimmedToken = token?.Trim();
        if (!string.IsNullOrEmpty(trimmedToken))
        {
            text = text.Replace(trimmedToken, Redacted, StringComparison.Ordinal);
        }

        return UrlQuery().Replace(text, "$1?" + Redacted);
    }

    [GeneratedRegex("""(https?://[^\s"'<>?#]+)\?[^\s"'<>]*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlQuery();
}
