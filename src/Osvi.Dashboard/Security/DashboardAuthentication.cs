using Microsoft.AspNetCore.Components.Endpoints;

namespace Osvi.Dashboard.Security;

/// <summary>Names and addresses of the dashboard's sign-in machinery.</summary>
public static class DashboardAuthentication
{
    /// <summary>The default scheme: forwards to the staff cookie (Identity) or, for a wallboard, the kiosk cookie.</summary>
    public const string Scheme = "Dashboard";

    /// <summary>The kiosk cookie's scheme.</summary>
    public const string KioskScheme = "Kiosk";

    /// <summary>The OpenID Connect scheme (when configured).</summary>
    public const string OidcScheme = "oidc";

    /// <summary>The staff session cookie (HttpOnly, SameSite=Lax, Secure on HTTPS).</summary>
    public const string SessionCookie = "osvi.session";

    /// <summary>The kiosk cookie (HttpOnly, SameSite=Lax, Secure on HTTPS; lasts while the link is valid).</summary>
    public const string KioskCookie = "osvi.kiosk";

    /// <summary>The antiforgery cookie.</summary>
    public const string AntiforgeryCookie = "osvi.antiforgery";

    /// <summary>The short-lived cookie between the identity provider's answer and the dashboard session.</summary>
    public const string ExternalCookie = "osvi.external";

    /// <summary>The sign-in page.</summary>
    public const string SignInPath = "/account/sign-in";

    /// <summary>Sign-out (POST with an antiforgery token).</summary>
    public const string SignOutPath = "/account/sign-out";

    /// <summary>"Your role does not allow this page".</summary>
    public const string AccessDeniedPath = "/account/access-denied";

    /// <summary>Change your own password.</summary>
    public const string ChangePasswordPath = "/account/password";

    /// <summary>Starts a sign-in at the identity provider (POST with an antiforgery token).</summary>
    public const string ExternalSignInPath = "/account/external";

    /// <summary>Where the identity provider's answer ends up, once the OpenID Connect handler checked it.</summary>
    public const string ExternalCallbackPath = "/account/external/callback";

    /// <summary>Opens the wallboard with a kiosk link's secret (<c>/kiosk?key=…</c>).</summary>
    public const string KioskPath = "/kiosk";

    /// <summary>The query parameter carrying a kiosk link's secret.</summary>
    public const string KioskKeyParameter = "key";

    /// <summary>The query parameter of the page to return to after signing in.</summary>
    public const string ReturnUrlParameter = "returnUrl";

    /// <summary>True for a browser asking for a page (sent to the sign-in page when not signed in); false for endpoints,
    /// the Blazor hub and scripts (answered 401/403).</summary>
    public static bool IsPageRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var endpoint = context.GetEndpoint();
        return endpoint is null
            ? request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true)
            : endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
    }

    /// <summary>A return URL that stays on this dashboard ("/" otherwise), so a crafted link cannot send a user elsewhere.</summary>
    public static string LocalReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            && !returnUrl.Contains('\n') && !returnUrl.Contains('\r')
            ? returnUrl
            : "/";
}
