using Microsoft.AspNetCore.Authorization;

namespace Osvi.Dashboard.Security.Authorization;

/// <summary>The authorization policies every route is checked against, on the server: HTTP requests (pages, endpoints,
/// the Blazor hub) by the authorization middleware, and pages inside a live circuit by <c>PageGate</c>.</summary>
public static class DashboardPolicies
{
    /// <summary>A signed-in person with a dashboard role. The fallback and default policy: a page or endpoint that says
    /// nothing about access gets this one, so a new route cannot be anonymous by accident.</summary>
    public const string Staff = "dashboard:staff";

    /// <summary>Staff, or a wallboard signed in through a kiosk link: only <c>/monitor</c> and its circuit.</summary>
    public const string Wallboard = "dashboard:wallboard";

    private const string PermissionPrefix = "dashboard:permission:";

    /// <summary>The policy of staff holding <paramref name="permission"/>, e.g. <c>[Authorize(Policy = DashboardPolicies.ManageUsers)]</c>.</summary>
    public static string For(DashboardPermission permission) => PermissionPrefix + permission;

    /// <summary>Administrators: user management.</summary>
    public const string ManageUsers = PermissionPrefix + nameof(DashboardPermission.ManageUsers);

    /// <summary>Administrators: kiosk links.</summary>
    public const string ManageKioskLinks = PermissionPrefix + nameof(DashboardPermission.ManageKioskLinks);

    /// <summary>Administrators: run-time settings.</summary>
    public const string ManageSettings = PermissionPrefix + nameof(DashboardPermission.ManageSettings);

    /// <summary>Administrators: the audit log.</summary>
    public const string ReadAuditLog = PermissionPrefix + nameof(DashboardPermission.ReadAuditLog);

    internal static void Add(AuthorizationBuilder builder)
    {
        var staff = new AuthorizationPolicyBuilder().AddRequirements(new StaffRequirement()).Build();
        builder.AddPolicy(Staff, staff)
            .AddPolicy(Wallboard, policy => policy.AddRequirements(new WallboardRequirement()))
            .SetDefaultPolicy(staff)
            .SetFallbackPolicy(staff);
        foreach (var permission in Enum.GetValues<DashboardPermission>())
        {
            builder.AddPolicy(For(permission), policy => policy.AddRequirements(new PermissionRequirement(permission)));
        }
    }
}

/// <summary>A signed-in person (not a kiosk) with a dashboard role.</summary>
public sealed class StaffRequirement : IAuthorizationRequirement;

/// <summary>Staff or a kiosk link.</summary>
public sealed class WallboardRequirement : IAuthorizationRequirement;

/// <summary>Staff whose role holds <see cref="Permission"/>.</summary>
/// <param name="permission">The permission.</param>
public sealed class PermissionRequirement(DashboardPermission permission) : IAuthorizationRequirement
{
    /// <summary>The permission.</summary>
    public DashboardPermission Permission { get; } = permission;
}

/// <summary>Decides the dashboard's requirements from the principal's claims, through <see cref="DashboardUser"/> so the
/// guard in the services and the authorization of routes read roles the same way.</summary>
internal sealed class DashboardAuthorizationHandler : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        var user = DashboardUser.From(context.User);
        var staff = user.IsAuthenticated && !user.IsKiosk && user.Roles.Count > 0;
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var met = requirement switch
            {
                StaffRequirement => staff,
                WallboardRequirement => staff || user.IsKiosk,
                PermissionRequirement permission => staff && user.Can(permission.Permission),
                _ => false,
            };
            if (met)
            {
                context.Succeed(requirement);
            }
        }

        return Task.CompletedTask;
    }
}
