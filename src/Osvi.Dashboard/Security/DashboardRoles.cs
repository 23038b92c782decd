namespace Osvi.Dashboard.Security;

/// <summary>The three roles, as they appear in role claims (<see cref="System.Security.Claims.ClaimTypes.Role"/>).</summary>
public static class DashboardRoles
{
    /// <summary>Reads everything; phone numbers are masked.</summary>
    public const string Viewer = "viewer";

    /// <summary>Also starts calls, uploads contacts, changes DND lists and steers chats.</summary>
    public const string Operator = "operator";

    /// <summary>Also manages users, kiosk links and settings, and reads the audit log.</summary>
    public const string Admin = "admin";

    /// <summary>Every role, least privileged first.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, Admin];

    /// <summary>The role as people read it: Viewer, Operator, Administrator.</summary>
    public static string DisplayName(string? role) => role?.ToLowerInvariant() switch
    {
        Viewer => "Viewer",
        Operator => "Operator",
        Admin => "Administrator",
        _ => "No role",
    };

    /// <summary>True for one of <see cref="All"/> (case-insensitive).</summary>
    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.OrdinalIgnoreCase);
}
