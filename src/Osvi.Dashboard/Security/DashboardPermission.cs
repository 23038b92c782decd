namespace Osvi.Dashboard.Security;

/// <summary>Something a user may be allowed to do. Reading is allowed to every signed-in user and is not listed.</summary>
public enum DashboardPermission
{
    /// <summary>See phone numbers in full (viewers see the last 4 digits).</summary>
    SeeFullPhoneNumbers,

    /// <summary><c>POST /v1/call</c>.</summary>
    StartCalls,

    /// <summary><c>POST /v1/campaigns/{id}/contacts</c>.</summary>
    UploadContacts,

    /// <summary>Add to or remove from an agent's DND list.</summary>
    ManageDnd,

    /// <summary>Chat operator controls: create, inbound as customer, takeover, tell, whisper, end, close, context.</summary>
    OperateChat,

    /// <summary>Add, rename and remove watched campaigns (dashboard data).</summary>
    ManageWatchedCampaigns,

    /// <summary>Play or download call recordings.</summary>
    PlayRecordings,

    /// <summary>Export lists as CSV.</summary>
    ExportData,

    /// <summary>Read the audit log.</summary>
    ReadAuditLog,

    /// <summary>Create users, change roles, reset passwords.</summary>
    ManageUsers,

    /// <summary>Create and revoke kiosk links for the wallboard.</summary>
    ManageKioskLinks,

    /// <summary>Change dashboard settings.</summary>
    ManageSettings,
}

/// <summary>Which role holds which permission: the single source of truth for the guard and the UI.</summary>
public static class RolePermissions
{
    private static readonly DashboardPermission[] s_viewer =
    [
        DashboardPermission.PlayRecordings,
        DashboardPermission.ExportData,
    ];

    private static readonly DashboardPermission[] s_operator =
    [
        .. s_viewer,
        DashboardPermission.SeeFullPhoneNumbers,
        DashboardPermission.StartCalls,
        DashboardPermission.UploadContacts,
        DashboardPermission.ManageDnd,
        DashboardPermission.OperateChat,
        DashboardPermission.ManageWatchedCampaigns,
    ];

    private static readonly DashboardPermission[] s_admin = Enum.GetValues<DashboardPermission>();

    /// <summary>The permissions of one role (none for an unknown role).</summary>
    public static IReadOnlyList<DashboardPermission> Of(string role) => role.ToLowerInvariant() switch
    {
        DashboardRoles.Viewer => s_viewer,
        DashboardRoles.Operator => s_operator,
        DashboardRoles.Admin => s_admin,
        _ => [],
    };

    /// <summary>True when any of <paramref name="roles"/> holds <paramref name="permission"/>.</summary>
    public static bool Allows(IEnumerable<string> roles, DashboardPermission permission) =>
        roles.Any(role => Of(role).Contains(permission));
}
