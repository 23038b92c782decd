using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security.Oidc;

namespace Osvi.Dashboard.Security.Accounts;

/// <summary>The account endpoints that are not pages: sign-out and the identity provider round trip. Form posts carry
/// an antiforgery token (checked by the antiforgery middleware for every <c>[FromForm]</c> endpoint).</summary>
internal static partial class AccountEndpoints
{
    public static IEndpointRouteBuilder MapDashboardAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(DashboardAuthentication.SignOutPath, SignOutAsync).AllowAnonymous();
        endpoints.MapPost(DashboardAuthentication.ExternalSignInPath, ChallengeExternal).AllowAnonymous();
        endpoints.MapGet(DashboardAuthentication.ExternalCallbackPath, ExternalCallbackAsync).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, [FromForm(Name = DashboardAuthentication.ReturnUrlParameter)] string? returnUrl,
        SignInManager<DashboardAccount> signIn, AccountEvents events)
    {
        var user = DashboardUser.From(http.User);
        await signIn.SignOutAsync();
        await http.SignOutAsync(DashboardAuthentication.KioskScheme);
        if (user.IsAuthenticated)
        {
            await events.SignedOutAsync(user);
        }

        return Results.LocalRedirect($"{DashboardAuthentication.SignInPath}?signedOut=1");
    }

    private static IResult ChallengeExternal([FromForm(Name = DashboardAuthentication.ReturnUrlParameter)] string? returnUrl,
        SignInManager<DashboardAccount> signIn, IOptions<DashboardOptions> options)
    {
        if (!options.Value.Security.Oidc.IsEnabled)
        {
            return Results.NotFound();
        }

        var callback = $"{DashboardAuthentication.ExternalCallbackPath}?{DashboardAuthentication.ReturnUrlParameter}={Uri.EscapeDataString(DashboardAuthentication.LocalReturnUrl(returnUrl))}";
        var properties = signIn.ConfigureExternalAuthenticationProperties(DashboardAuthentication.OidcScheme, callback);
        return Results.Challenge(properties, [DashboardAuthentication.OidcScheme]);
    }

    private static async Task<IResult> ExternalCallbackAsync(HttpContext http, [FromQuery(Name = DashboardAuthentication.ReturnUrlParameter)] string? returnUrl,
        ExternalSignIn external)
    {
        var failure = await external.CompleteAsync(http);
        return failure is null
            ? Results.LocalRedirect(DashboardAuthentication.LocalReturnUrl(returnUrl))
            : Results.LocalRedirect($"{DashboardAuthentication.SignInPath}?error={failure switch
            {
                SignInFailure.NoRole => "no-role",
                SignInFailure.LockedOut => "locked",
                _ => "external",
            }}");
    }
}
