using System.Security.Cryptography;

namespace Osvi.Dashboard.Security;

/// <summary>The headers every response carries (pages, endpoints, static files, errors). The Content-Security-Policy
/// is what Blazor Server and MudBlazor need and nothing more: scripts only from this origin (plus the one inline import
/// map, by a per-request nonce), inline styles (MudBlazor sets style attributes and its theme as a style element), the
/// circuit's WebSocket to this origin, no framing, no plugins, forms only to this origin (and the identity provider).</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, SecurityHeadersSettings settings)
{
    private const string NonceItem = "osvi.csp-nonce";

    public Task InvokeAsync(HttpContext context)
    {
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceItem] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy(nonce, settings.IdentityProviderOrigin);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>The nonce of this request's Content-Security-Policy, for the few inline scripts the framework renders.</summary>
    public static string? NonceOf(HttpContext? context) => context?.Items[NonceItem] as string;

    internal static string Policy(string nonce, string? identityProviderOrigin) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "media-src 'self' blob:; " +
        "worker-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        $"form-action 'self'{(identityProviderOrigin is null ? "" : " " + identityProviderOrigin)}; " +
        "frame-ancestors 'none'";
}

/// <summary>What the headers depend on.</summary>
/// <param name="IdentityProviderOrigin">The OpenID Connect authority's origin (forms post to it during sign-in), if any.</param>
internal sealed record SecurityHeadersSettings(string? IdentityProviderOrigin);
