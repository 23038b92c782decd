using System.Security.Claims;

namespace Osvi.Dashboard.Security;

/// <summary>Who is acting, as the audit log and the guard see it.</summary>
/// <param name="Name">A display name for the audit log ("anonymous" when nobody is signed in).</param>
/// <param name="Id">The stable user id (the <c>NameIdentifier</c> claim), when signed in.</param>
/// <param name="IsAuthenticated">True when signed in.</param>
/// <param name="Roles">The dashboard roles the user holds.</param>
public sealed record DashboardUser(string Name, string? Id, bool IsAuthenticated, IReadOnlyList<string> Roles)
{
    /// <summary>The name recorded for a visitor who is not signed in.</summary>
    public const string AnonymousName = "anonymous";

    /// <summary>True when one of the user's roles holds <paramref name="permission"/>.</summary>
    public bool Can(DashboardPermission permission) => RolePermissions.Allows(Roles, permission);

    /// <summary>Reads a principal: role claims of the identity's role claim type, restricted to the known roles.</summary>
    /// <param name="principal">The circuit's user.</param>
    /// <param name="anonymousRole">The role given to a visitor who is not signed in, or empty for none.</param>
    public static DashboardUser From(ClaimsPrincipal principal, string? anonymousRole)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not { IsAuthenticated: true } identity)
        {
            return new DashboardUser(AnonymousName, null, false, DashboardRoles.IsKnown(anonymousRole) ? [anonymousRole!.ToLowerInvariant()] : []);
        }

        var roleClaimType = (identity as ClaimsIdentity)?.RoleClaimType ?? ClaimTypes.Role;
        var roles = principal.Claims
            .Where(claim => claim.Type == roleClaimType || claim.Type == ClaimTypes.Role)
            .Select(claim => claim.Value.Trim().ToLowerInvariant())
            .Where(DashboardRoles.IsKnown)
            .Distinct()
            .ToArray();
        return new DashboardUser(identity.Name ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown", principal.FindFirstValue(ClaimTypes.NameIdentifier), true, roles);
    }
}
