using System.Security.Claims;

namespace Osvi.Dashboard.Security;

/// <summary>Who is acting, as the audit log and the guard see it.</summary>
/// <param name="Name">A display name for the audit log ("anonymous" when nobody is signed in).</param>
/// <param name="Id">The stable user id (the <c>NameIdentifier</c> claim), when signed in.</param>
/// <param name="IsAuthenticated">True when signed in (a staff account or a kiosk link).</param>
/// <param name="Roles">The dashboard roles the user holds (none for a kiosk).</param>
public sealed record DashboardUser(string Name, string? Id, bool IsAuthenticated, IReadOnlyList<string> Roles)
{
    /// <summary>The name recorded for a visitor who is not signed in.</summary>
    public const string AnonymousName = "anonymous";

    /// <summary>Nobody signed in: no role, no permission.</summary>
    public static DashboardUser Anonymous { get; } = new(AnonymousName, null, false, []);

    /// <summary>True for a wallboard signed in through a kiosk link (read-only, <c>/monitor</c> only).</summary>
    public bool IsKiosk { get; init; }

    /// <summary>True when one of the user's roles holds <paramref name="permission"/>.</summary>
    public bool Can(DashboardPermission permission) => RolePermissions.Allows(Roles, permission);

    /// <summary>Reads a principal: role claims of the identity's role claim type, restricted to the known roles.</summary>
    /// <param name="principal">The circuit's or request's user.</param>
    public static DashboardUser From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not { IsAuthenticated: true } identity)
        {
            return Anonymous;
        }

        var roleClaimType = (identity as ClaimsIdentity)?.RoleClaimType ?? ClaimTypes.Role;
        var roles = principal.Claims
            .Where(claim => claim.Type == roleClaimType || claim.Type == ClaimTypes.Role)
            .Select(claim => claim.Value.Trim().ToLowerInvariant())
            .Where(DashboardRoles.IsKnown)
            .Distinct()
            .ToArray();
        var kiosk = principal.HasClaim(claim => claim.Type == DashboardClaims.KioskLink);
        return new DashboardUser(identity.Name ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown", principal.FindFirstValue(ClaimTypes.NameIdentifier), true, kiosk ? [] : roles)
        {
            IsKiosk = kiosk,
        };
    }
}

/// <summary>Claim types of the dashboard's own principals.</summary>
public static class DashboardClaims
{
    /// <summary>The id of the kiosk link a wallboard signed in with; its presence marks a kiosk principal.</summary>
    public const string KioskLink = "osvi:kiosk-link";
}
