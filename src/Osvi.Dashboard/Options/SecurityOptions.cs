using System.Net;
using Osvi.Dashboard.Security;

namespace Osvi.Dashboard.Options;

/// <summary>Sign-in, sessions, roles and the defaults of the run-time security settings (<c>Dashboard:Security</c>).</summary>
public sealed class SecurityOptions
{
    /// <summary>See <see cref="DashboardConfigNames.MaskPhoneNumbersForViewers"/>: the default of the run-time setting an
    /// administrator can change on the Settings page.</summary>
    public bool MaskPhoneNumbersForViewers { get; set; } = true;

    /// <summary>See <see cref="DashboardConfigNames.AuditRetentionDays"/>: the default of the run-time setting.</summary>
    public int AuditRetentionDays { get; set; } = 365;

    /// <summary>See <see cref="DashboardConfigNames.PasswordMinLength"/>.</summary>
    public int PasswordMinLength { get; set; } = 12;

    /// <summary>See <see cref="DashboardConfigNames.MaxFailedSignIns"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>See <see cref="DashboardConfigNames.LockoutDuration"/>.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>See <see cref="DashboardConfigNames.SessionIdleTimeout"/>.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>See <see cref="DashboardConfigNames.RevalidationInterval"/>.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The first administrator, created on the first start only (<c>Dashboard:Security:BootstrapAdmin</c>).</summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    /// <summary>Sign-in through a company identity provider (<c>Dashboard:Security:Oidc</c>).</summary>
    public OidcSignInOptions Oidc { get; set; } = new();
}

/// <summary>The first administrator (<c>Dashboard:Security:BootstrapAdmin</c>). Read once, when the database has no
/// account yet; afterwards it is ignored (so a password left in the environment cannot reset the account).</summary>
public sealed class BootstrapAdminOptions
{
    /// <summary><c>Dashboard:Security:BootstrapAdmin:UserName</c>.</summary>
    public string? UserName { get; set; }

    /// <summary><c>Dashboard:Security:BootstrapAdmin:Password</c>: from the environment or a secret file, never a committed file.</summary>
    public string? Password { get; set; }

    /// <summary><c>Dashboard:Security:BootstrapAdmin:Email</c> (optional).</summary>
    public string? Email { get; set; }

    /// <summary>True when a user name and a password are given.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(UserName) && !string.IsNullOrEmpty(Password);
}

/// <summary>OpenID Connect sign-in (<c>Dashboard:Security:Oidc</c>). Enabled when <see cref="Authority"/> is set.</summary>
public sealed class OidcSignInOptions
{
    /// <summary><c>…:Authority</c>: the issuer, e.g. <c>https://login.example.com/realms/ops</c>.</summary>
    public string? Authority { get; set; }

    /// <summary><c>…:ClientId</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary><c>…:ClientSecret</c>: from the environment or a secret file.</summary>
    public string? ClientSecret { get; set; }

    /// <summary><c>…:DisplayName</c>: the sign-in button says "Sign in with …".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary><c>…:RoleClaim</c>: the claim that carries group or role names (e.g. <c>groups</c>, <c>roles</c>).</summary>
    public string RoleClaim { get; set; } = "groups";

    /// <summary><c>…:NameClaim</c>: the claim shown as the user's name.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary><c>…:RoleMap:&lt;group&gt;</c> = <c>viewer</c>, <c>operator</c> or <c>admin</c>. A group named like a dashboard
    /// role maps to it without an entry. A user with several mapped groups gets the strongest role; none, no access.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>…:Scopes</c>: asked for besides <c>openid</c> and <c>profile</c>.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary><c>…:CallbackPath</c>: register <c>https://&lt;dashboard&gt;/signin-oidc</c> at the identity provider.</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary><c>…:GetClaimsFromUserInfoEndpoint</c>: also read the user-info endpoint (when groups are not in the ID token).</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; }

    /// <summary><c>…:RequireHttpsMetadata</c>: only for a test identity provider on plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>True when an authority is configured.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>Running behind a reverse proxy that terminates TLS (<c>Dashboard:ReverseProxy</c>).</summary>
public sealed class ReverseProxyOptions
{
    /// <summary><c>…:Enabled</c>: read <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from the proxies below.</summary>
    public bool Enabled { get; set; }

    /// <summary><c>…:KnownProxies</c>: addresses of the proxies whose headers are trusted (loopback when none is given).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary><c>…:KnownNetworks</c>: networks (CIDR, e.g. <c>10.0.0.0/8</c>) whose proxies are trusted.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

internal static class SecurityOptionsValidator
{
    public static IEnumerable<string> Validate(SecurityOptions security)
    {
        if (security.PasswordMinLength is < 8 or > 128)
        {
            yield return $"{DashboardConfigNames.PasswordMinLength} must be between 8 and 128 (was {security.PasswordMinLength}).";
        }

        if (security.MaxFailedSignIns is < 1 or > 100)
        {
            yield return $"{DashboardConfigNames.MaxFailedSignIns} must be between 1 and 100 (was {security.MaxFailedSignIns}).";
        }

        if (security.LockoutDuration <= TimeSpan.Zero)
        {
            yield return $"{DashboardConfigNames.LockoutDuration} must be positive.";
        }

        if (security.SessionIdleTimeout < TimeSpan.FromMinutes(1))
        {
            yield return $"{DashboardConfigNames.SessionIdleTimeout} must be at least 00:01:00.";
        }

        if (security.RevalidationInterval < TimeSpan.Zero || security.RevalidationInterval > TimeSpan.FromHours(1))
        {
            yield return $"{DashboardConfigNames.RevalidationInterval} must be between 00:00:00 and 01:00:00.";
        }

        if (security.AuditRetentionDays < 0)
        {
            yield return $"{DashboardConfigNames.AuditRetentionDays} must be 0 (keep forever) or a number of days.";
        }

        var bootstrap = security.BootstrapAdmin;
        if (string.IsNullOrWhiteSpace(bootstrap.UserName) != string.IsNullOrEmpty(bootstrap.Password))
        {
            yield return $"{DashboardConfigNames.BootstrapAdmin}:UserName and {DashboardConfigNames.BootstrapAdmin}:Password must be set together.";
        }
        else if (bootstrap.IsConfigured && bootstrap.Password!.Length < security.PasswordMinLength)
        {
            yield return $"{DashboardConfigNames.BootstrapAdmin}:Password must have at least {security.PasswordMinLength} characters ({DashboardConfigNames.PasswordMinLength}).";
        }

        foreach (var failure in ValidateOidc(security.Oidc))
        {
            yield return failure;
        }
    }

    private static IEnumerable<string> ValidateOidc(OidcSignInOptions oidc)
    {
        if (!oidc.IsEnabled)
        {
            yield break;
        }

        if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && oidc.RequireHttpsMetadata))
        {
            yield return $"{DashboardConfigNames.Oidc}:Authority must be an absolute https URL (was '{oidc.Authority}').";
        }

        if (string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            yield return $"{DashboardConfigNames.Oidc}:ClientId is required when {DashboardConfigNames.Oidc}:Authority is set.";
        }

        if (string.IsNullOrWhiteSpace(oidc.RoleClaim))
        {
            yield return $"{DashboardConfigNames.Oidc}:RoleClaim must name the claim that carries groups or roles.";
        }

        if (!oidc.CallbackPath.StartsWith('/'))
        {
            yield return $"{DashboardConfigNames.Oidc}:CallbackPath must start with '/' (was '{oidc.CallbackPath}').";
        }

        foreach (var (group, role) in oidc.RoleMap)
        {
            if (!DashboardRoles.IsKnown(role))
            {
                yield return $"{DashboardConfigNames.Oidc}:RoleMap:{group} must be one of {string.Join(", ", DashboardRoles.All)} (was '{role}').";
            }
        }
    }

    public static IEnumerable<string> Validate(ReverseProxyOptions proxy)
    {
        foreach (var address in proxy.KnownProxies.Where(address => !IPAddress.TryParse(address, out _)))
        {
            yield return $"{DashboardConfigNames.ReverseProxy}:KnownProxies must hold IP addresses (was '{address}').";
        }

        foreach (var network in proxy.KnownNetworks.Where(network => !IPNetwork.TryParse(network, out _)))
        {
            yield return $"{DashboardConfigNames.ReverseProxy}:KnownNetworks must hold networks in CIDR form such as 10.0.0.0/8 (was '{network}').";
        }
    }
}
