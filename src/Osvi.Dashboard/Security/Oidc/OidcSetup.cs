using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Osvi.Dashboard.Options;

namespace Osvi.Dashboard.Security.Oidc;

/// <summary>The OpenID Connect handler, configured only from <c>Dashboard:Security:Oidc</c>: authorization code flow with
/// PKCE, the secret from the environment, claims kept under their own names (so <c>RoleClaim</c> means what the identity
/// provider sends), the answer parked in Identity's external cookie until <c>ExternalSignIn</c> turns it into a
/// dashboard account with a mapped role.</summary>
internal static partial class OidcSetup
{
    public static void Configure(OpenIdConnectOptions options, OidcSignInOptions oidc)
    {
        options.Authority = oidc.Authority;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
        options.ResponseType = "code";
        options.UsePkce = true;
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.CallbackPath = oidc.CallbackPath;
        options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = oidc.GetClaimsFromUserInfoEndpoint;
        options.MapInboundClaims = false;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        foreach (var scope in oidc.Scopes.Where(scope => !options.Scope.Contains(scope)))
        {
            options.Scope.Add(scope);
        }

        options.TokenValidationParameters.NameClaimType = oidc.NameClaim;
        options.TokenValidationParameters.RoleClaimType = oidc.RoleClaim;
        options.Events.OnTokenValidated = context =>
        {
            // Identity's external login reads the provider's key from NameIdentifier: the subject.
            if (context.Principal?.Identity is ClaimsIdentity identity && identity.FindFirst("sub") is { } subject && !identity.HasClaim(claim => claim.Type == ClaimTypes.NameIdentifier))
            {
                identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, subject.Value, subject.ValueType, subject.Issuer));
            }

            return Task.CompletedTask;
        };
        options.Events.OnRemoteFailure = context =>
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSetup));
            LogRemoteFailure(logger, context.Failure?.Message ?? "unknown");
            context.Response.Redirect($"{DashboardAuthentication.SignInPath}?error=external");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in through the identity provider failed: {Reason}")]
    private static partial void LogRemoteFailure(ILogger logger, string reason);
}
