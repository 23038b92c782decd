using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security.Accounts;
using Osvi.Dashboard.Security.Kiosk;

namespace Osvi.Dashboard.Security;

/// <summary>The authentication state of a live circuit, checked again every <c>Dashboard:Security:RevalidationInterval</c>:
/// a locked or deleted account, a changed role or password (new security stamp) or a revoked or expired kiosk link
/// turns the circuit anonymous, and <c>PageGate</c> takes the page away. Cookies are checked on each request the same
/// way (see <c>SecuritySetup</c>), so the change also holds on the next page load.</summary>
internal sealed partial class DashboardAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IOptions<DashboardOptions> options) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<DashboardAuthenticationStateProvider>();

    protected override TimeSpan RevalidationInterval =>
        options.Value.Security.RevalidationInterval is var interval && interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        bool valid;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            valid = await SessionValidator.IsValidAsync(principal, scope.ServiceProvider, cancellationToken);
        }
        catch (ObjectDisposedException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The host is shutting down and has disposed its services before every circuit's check ended: the circuit
            // ends with the host, so there is nothing to revoke (and no error to log for each open page).
            return true;
        }

        if (!valid)
        {
            LogSessionEnded(_logger, principal.Identity?.Name ?? "unknown");
        }

        return valid;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ended the live session of {User}: the account or kiosk link is no longer valid")]
    private static partial void LogSessionEnded(ILogger logger, string user);
}

/// <summary>Whether a signed-in principal still stands: the account exists and its security stamp is unchanged (locking,
/// a role change and a password reset all renew the stamp), or the kiosk link is active. Identity's security stamp
/// validator applies the same test to the cookie of each request.</summary>
internal static class SessionValidator
{
    public static async Task<bool> IsValidAsync(ClaimsPrincipal principal, IServiceProvider services, CancellationToken ct)
    {
        if (principal.Identity is not { IsAuthenticated: true } identity)
        {
            return true;
        }

        if (identity.AuthenticationType == KioskLinkStore.AuthenticationType)
        {
            return await services.GetRequiredService<KioskLinkStore>().IsActiveAsync(principal, ct);
        }

        if (identity.AuthenticationType != IdentityConstants.ApplicationScheme)
        {
            // The product signs people in only through Identity's cookie (local and OpenID Connect accounts alike).
            return true;
        }

        var users = services.GetRequiredService<UserManager<DashboardAccount>>();
        var account = await users.GetUserAsync(principal);
        if (account is null)
        {
            return false;
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }

        var stamp = principal.FindFirstValue(services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(account);
    }
}
