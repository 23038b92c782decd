namespace Osvi.Dashboard.Security.Accounts;

/// <summary>One demo account: its credentials are shown on the sign-in page in demo mode.</summary>
/// <param name="UserName">The user name.</param>
/// <param name="Password">The password (demo mode only: these accounts are deleted when the database starts in live mode).</param>
/// <param name="Role">The dashboard role.</param>
public sealed record DemoAccount(string UserName, string Password, string Role);

/// <summary>The accounts seeded in demo mode, one per role, so every role can be tried (and the end-to-end tests sign in
/// through the real form with them). Never created in live mode, and removed from a database that starts in live mode.</summary>
public static class DemoAccounts
{
    /// <summary>Every demo account, most privileged first.</summary>
    public static IReadOnlyList<DemoAccount> All { get; } =
    [
        new("demo-admin", "osvi-admin-demo", DashboardRoles.Admin),
        new("demo-operator", "osvi-operator-demo", DashboardRoles.Operator),
        new("demo-viewer", "osvi-viewer-demo", DashboardRoles.Viewer),
    ];

    /// <summary>The demo account of a role.</summary>
    public static DemoAccount For(string role) =>
        All.FirstOrDefault(account => string.Equals(account.Role, role, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No demo account has the role '{role}'.", nameof(role));
}
