using Osvi.Client;

namespace Osvi.Dashboard.Options;

/// <summary>Every configuration key the dashboard reads, in one place, so validation messages, the README and tests
/// name the same strings. Environment variables use <c>__</c> for <c>:</c> (<c>OsviApi__ApiToken</c>).</summary>
public static class DashboardConfigNames
{
    /// <summary><c>OsviApi:BaseUrl</c>: the OSVI API root (live mode).</summary>
    public const string OsviBaseUrl = OsviApiOptions.BaseUrlKey;

    /// <summary><c>OsviApi:ApiToken</c>: the account's 16-character token. Its presence selects live mode.</summary>
    public const string OsviApiToken = OsviApiOptions.ApiTokenKey;

    /// <summary>The dashboard's own section.</summary>
    public const string DashboardSection = "Dashboard";

    /// <summary><c>Dashboard:Mode</c>: <c>Auto</c> (default: live when a token is set, else demo), <c>Live</c> or <c>Demo</c>.</summary>
    public const string Mode = "Dashboard:Mode";

    /// <summary><c>Dashboard:DataPath</c>: folder of the dashboard's SQLite database (created on start).</summary>
    public const string DataPath = "Dashboard:DataPath";

    /// <summary><c>Dashboard:SecretsPath</c>: a folder read with key-per-file configuration (file name = key,
    /// <c>__</c> for <c>:</c>), e.g. Docker secrets in <c>/run/secrets</c>.</summary>
    public const string SecretsPath = "Dashboard:SecretsPath";

    /// <summary><c>Dashboard:TimeZone</c>: the IANA zone that defines "today" (default <c>Asia/Kolkata</c>, as OSVI's dates).</summary>
    public const string TimeZone = "Dashboard:TimeZone";

    /// <summary><c>Dashboard:LogFormat</c>: <c>Text</c> (readable console, default) or <c>Json</c> (compact JSON, one event a line).</summary>
    public const string LogFormat = "Dashboard:LogFormat";

    /// <summary><c>Dashboard:PhoneRegion</c>: the region of numbers typed or uploaded without a country code (default
    /// <c>IN</c>, as OSVI's own normalisation).</summary>
    public const string PhoneRegion = "Dashboard:PhoneRegion";

    /// <summary><c>Dashboard:Security:MaskPhoneNumbersForViewers</c>: viewers see only the last 4 digits (default true). The
    /// default of a run-time setting: an administrator changes it on the Settings page.</summary>
    public const string MaskPhoneNumbersForViewers = "Dashboard:Security:MaskPhoneNumbersForViewers";

    /// <summary><c>Dashboard:Live:Interval</c>: default poll interval of live feeds.</summary>
    public const string LiveInterval = "Dashboard:Live:Interval";

    /// <summary><c>Dashboard:Live:Intervals:&lt;feed&gt;</c>: per-feed poll interval overrides.</summary>
    public const string LiveIntervals = "Dashboard:Live:Intervals";

    /// <summary><c>Dashboard:Live:Tick</c>: how often the poller looks for due feeds.</summary>
    public const string LiveTick = "Dashboard:Live:Tick";

    /// <summary><c>Dashboard:Security:AuditRetentionDays</c>: default of the run-time setting (0 keeps the audit log forever).</summary>
    public const string AuditRetentionDays = "Dashboard:Security:AuditRetentionDays";

    /// <summary><c>Dashboard:Security:PasswordMinLength</c>: the shortest password a local account may have (default 12).</summary>
    public const string PasswordMinLength = "Dashboard:Security:PasswordMinLength";

    /// <summary><c>Dashboard:Security:MaxFailedSignIns</c>: wrong passwords in a row before the account is locked (default 5).</summary>
    public const string MaxFailedSignIns = "Dashboard:Security:MaxFailedSignIns";

    /// <summary><c>Dashboard:Security:LockoutDuration</c>: how long such a lock lasts (default 00:15:00).</summary>
    public const string LockoutDuration = "Dashboard:Security:LockoutDuration";

    /// <summary><c>Dashboard:Security:SessionIdleTimeout</c>: a staff session ends after this long without a request (default 08:00:00).</summary>
    public const string SessionIdleTimeout = "Dashboard:Security:SessionIdleTimeout";

    /// <summary><c>Dashboard:Security:RevalidationInterval</c>: how often a session (cookie and live page) is checked against
    /// the database: a locked user, a changed role or a revoked kiosk link ends it within this time (default 00:01:00).</summary>
    public const string RevalidationInterval = "Dashboard:Security:RevalidationInterval";

    /// <summary><c>Dashboard:Security:BootstrapAdmin</c> (<c>:UserName</c>, <c>:Password</c>, <c>:Email</c>): the first administrator,
    /// created on the first start only.</summary>
    public const string BootstrapAdmin = "Dashboard:Security:BootstrapAdmin";

    /// <summary><c>Dashboard:Security:Oidc</c> (<c>:Authority</c>, <c>:ClientId</c>, <c>:ClientSecret</c>, <c>:RoleClaim</c>,
    /// <c>:RoleMap:&lt;group&gt;</c>, …): sign-in through an OpenID Connect identity provider.</summary>
    public const string Oidc = "Dashboard:Security:Oidc";

    /// <summary><c>Dashboard:ReverseProxy</c> (<c>:Enabled</c>, <c>:KnownProxies</c>, <c>:KnownNetworks</c>): forwarded headers.</summary>
    public const string ReverseProxy = "Dashboard:ReverseProxy";

    /// <summary><c>Dashboard:Limits</c>: size limits of requests, circuit messages, texts and uploads (<see cref="LimitsOptions"/>).</summary>
    public const string Limits = "Dashboard:Limits";

    /// <summary><c>Dashboard:Chat:Agents</c>: the account's chat agents (<c>Uuid</c>, <c>Name</c>), offered by the chat
    /// console because OSVI's API does not list chat agents.</summary>
    public const string ChatAgents = "Dashboard:Chat:Agents";

    /// <summary><c>Simulator</c>: settings passed to the embedded simulator in demo mode (e.g. <c>Simulator:ClockSpeed</c>).</summary>
    public const string SimulatorSection = "Simulator";
}
