using Osvi.Dashboard.Services;

namespace Osvi.Dashboard.Security;

/// <summary>The one check every state-changing service method makes before it acts (not only hidden buttons).</summary>
public interface IPermissionGuard
{
    /// <summary>Checks that the current user holds <paramref name="permission"/>. A refusal is logged as a warning
    /// and returned as a <see cref="ServiceRefusal"/>; <see cref="PermissionCheck.Allowed"/> is true otherwise.</summary>
    /// <param name="permission">What the action needs.</param>
    /// <param name="action">The action's name for the log, e.g. <c>call.start</c>.</param>
    Task<PermissionCheck> EnsureAllowedAsync(DashboardPermission permission, string action);
}

/// <summary>The outcome of a permission check.</summary>
/// <param name="User">Who asked.</param>
/// <param name="Refusal">Why it was refused, or null when allowed.</param>
public sealed record PermissionCheck(DashboardUser User, ServiceRefusal? Refusal)
{
    /// <summary>True when the user may go ahead.</summary>
    public bool Allowed => Refusal is null;
}

internal sealed partial class PermissionGuard(ICurrentUser currentUser, ILogger<PermissionGuard> logger) : IPermissionGuard
{
    public async Task<PermissionCheck> EnsureAllowedAsync(DashboardPermission permission, string action)
    {
        var user = await currentUser.GetAsync();
        if (user.Can(permission))
        {
            return new PermissionCheck(user, null);
        }

        LogRefused(logger, user.Name, string.Join(",", user.Roles), action, permission);
        var message = user.IsAuthenticated || user.Roles.Count > 0
            ? $"Your role does not allow this ({Describe(permission)}). Ask an administrator if you need it."
            : $"Sign in to do this ({Describe(permission)}).";
        return new PermissionCheck(user, new ServiceRefusal(permission, message));
    }

    private static string Describe(DashboardPermission permission) => permission switch
    {
        DashboardPermission.StartCalls => "starting calls",
        DashboardPermission.UploadContacts => "uploading contacts",
        DashboardPermission.ManageDnd => "changing DND lists",
        DashboardPermission.OperateChat => "chat operator controls",
        DashboardPermission.ManageWatchedCampaigns => "changing watched campaigns",
        DashboardPermission.PlayRecordings => "playing recordings",
        DashboardPermission.ExportData => "exporting data",
        DashboardPermission.ReadAuditLog => "reading the audit log",
        DashboardPermission.ManageUsers => "managing users",
        DashboardPermission.ManageKioskLinks => "managing kiosk links",
        DashboardPermission.ManageSettings => "changing settings",
        DashboardPermission.SeeFullPhoneNumbers => "seeing full phone numbers",
        _ => permission.ToString(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Action} for user {User} (roles: {Roles}): missing permission {Permission}")]
    private static partial void LogRefused(ILogger logger, string user, string roles, string action, DashboardPermission permission);
}
