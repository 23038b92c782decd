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

    /// <summary><c>Dashboard:Security:MaskPhoneNumbersForViewers</c>: viewers see only the last 4 digits (default true).</summary>
    public const string MaskPhoneNumbersForViewers = "Dashboard:Security:MaskPhoneNumbersForViewers";

    /// <summary><c>Dashboard:Live:Interval</c>: default poll interval of live feeds.</summary>
    public const string LiveInterval = "Dashboard:Live:Interval";

    /// <summary><c>Dashboard:Live:Intervals:&lt;feed&gt;</c>: per-feed poll interval overrides.</summary>
    public const string LiveIntervals = "Dashboard:Live:Intervals";

    /// <summary><c>Dashboard:Live:Tick</c>: how often the poller looks for due feeds.</summary>
    public const string LiveTick = "Dashboard:Live:Tick";

    /// <summary><c>Dashboard:Security:AnonymousRole</c>: the role of a visitor who is not signed in (until sign-in exists).</summary>
    public const string AnonymousRole = "Dashboard:Security:AnonymousRole";

    /// <summary><c>Dashboard:Limits</c>: size limits of requests, circuit messages, texts and uploads (<see cref="LimitsOptions"/>).</summary>
    public const string Limits = "Dashboard:Limits";

    /// <summary><c>Dashboard:Chat:Agents</c>: the account's chat agents (<c>Uuid</c>, <c>Name</c>), offered by the chat
    /// console because OSVI's API does not list chat agents.</summary>
    public const string ChatAgents = "Dashboard:Chat:Agents";

    /// <summary><c>Simulator</c>: settings passed to the embedded simulator in demo mode (e.g. <c>Simulator:ClockSpeed</c>).</summary>
    public const string SimulatorSection = "Simulator";
}
