using System.Security.Claims;
using Osvi.Dashboard.Options;

namespace Osvi.Dashboard.Security.Oidc;

/// <summary>Turns the identity provider's groups (or roles) into one dashboard role.</summary>
public static class OidcRoles
{
    /// <summary>The strongest dashboard role the principal's <see cref="OidcSignInOptions.RoleClaim"/> values map to through
    /// <see cref="OidcSignInOptions.RoleMap"/> (a value named like a dashboard role maps to it), or null for none.</summary>
    public static string? Map(ClaimsPrincipal principal, OidcSignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(options);
        var roles = principal.FindAll(options.RoleClaim)
            .Select(claim => claim.Value.Trim())
            .Select(value => options.RoleMap.TryGetValue(value, out var mapped) ? mapped : value)
            .Where(DashboardRoles.IsKnown)
            .Select(role => role.ToLowerInvariant())
            .ToHashSet();
        return DashboardRoles.All.LastOrDefault(roles.Contains);
    }
}
