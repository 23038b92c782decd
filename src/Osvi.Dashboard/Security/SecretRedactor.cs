using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Osvi.Client;

namespace Osvi.Dashboard.Security;

/// <summary>Removes the OSVI token and the query of presigned URLs from text before it reaches a log or a page:
/// defence in depth behind "never log requests or headers".</summary>
public sealed partial class SecretRedactor(IOptionsMonitor<OsviApiOptions> options)
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "[redacted]";

    /// <summary>The text without secrets.</summary>
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var token = options.CurrentValue.ApiToken?.Trim();
        if (!string.IsNullOrEmpty(token) && text.Contains(token, StringComparison.Ordinal))
        {
            text = text.Replace(token, Mask, StringComparison.Ordinal);
        }

        return PresignedQuery().Replace(text, match => match.Groups["base"].Value + "?" + Mask);
    }

    /// <summary>True when <paramref name="text"/> holds something <see cref="Redact"/> would remove.</summary>
    public bool ContainsSecret(string text) => !string.Equals(Redact(text), text, StringComparison.Ordinal);

    // A URL whose query carries a signature or credential: S3 (X-Amz-*), the simulator (signature=, expires=), generic tokens.
    [GeneratedRegex(@"(?<base>https?://[^\s""'<>?]+)\?[^\s""'<>]*?(?:X-Amz-|signature=|Signature=|sig=|token=|expires=|Expires=)[^\s""'<>]*", RegexOptions.CultureInvariant)]
    private static partial Regex PresignedQuery();
}
