using Microsoft.Extensions.Options;

namespace Osvi.Dashboard.Options;

/// <summary>The dashboard's own settings, bound from the <c>Dashboard</c> section and validated at start-up.</summary>
public sealed class DashboardOptions
{
    /// <summary>See <see cref="DashboardConfigNames.Mode"/>: <c>Auto</c>, <c>Live</c> or <c>Demo</c>.</summary>
    public string Mode { get; set; } = "Auto";

    /// <summary>See <see cref="DashboardConfigNames.DataPath"/>; relative paths are taken from the working directory.</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>See <see cref="DashboardConfigNames.SecretsPath"/>.</summary>
    public string SecretsPath { get; set; } = "/run/secrets";

    /// <summary>See <see cref="DashboardConfigNames.TimeZone"/>.</summary>
    public string TimeZone { get; set; } = "Asia/Kolkata";

    /// <summary>See <see cref="DashboardConfigNames.LogFormat"/>.</summary>
    public string LogFormat { get; set; } = "Text";

    /// <summary>See <see cref="DashboardConfigNames.PhoneRegion"/>.</summary>
    public string PhoneRegion { get; set; } = "IN";

    /// <summary>Live data polling.</summary>
    public LiveOptions Live { get; set; } = new();

    /// <summary>Sign-in, roles, kiosk links and headers (<c>Dashboard:Security</c>).</summary>
    public SecurityOptions Security { get; set; } = new();

    /// <summary>Size limits of what users send (<c>Dashboard:Limits</c>).</summary>
    public LimitsOptions Limits { get; set; } = new();
    /// <summary>Running behind a reverse proxy (<c>Dashboard:ReverseProxy</c>).</summary>
    public ReverseProxyOptions ReverseProxy { get; set; } = new();

    /// <summary>The configured zone (validated at start-up).</summary>
    public TimeZoneInfo GetTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>The data folder as an absolute path.</summary>
    public string GetDataDirectory() => Path.GetFullPath(DataPath);
}

/// <summary>Settings of the shared poller (<c>Dashboard:Live</c>).</summary>
public sealed class LiveOptions
{
    /// <summary>Default poll interval of a feed.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Per-feed intervals, keyed by feed name (e.g. <c>CallsToday</c>).</summary>
    public Dictionary<string, TimeSpan> Intervals { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How often the poller looks for feeds that are due; bounds how late a poll can be.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a feed nobody watches keeps its last snapshot (so navigating back shows it at once).</summary>
    public TimeSpan IdleRetention { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The interval of one feed.</summary>
    public TimeSpan IntervalOf(string feedName) => Intervals.TryGetValue(feedName, out var interval) ? interval : Interval;
}

/// <summary>Validates <see cref="DashboardOptions"/> with messages that name the configuration key.</summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    private static readonly string[] s_modes = ["Auto", "Live", "Demo"];
    private static readonly string[] s_logFormats = ["Text", "Json"];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (!s_modes.Contains(options.Mode, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{DashboardConfigNames.Mode} must be Auto, Live or Demo (was '{options.Mode}').");
        }

        if (string.IsNullOrWhiteSpace(options.DataPath))
        {
            failures.Add($"{DashboardConfigNames.DataPath} must name a folder for the dashboard's database.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? "", out _))
        {
            failures.Add($"{DashboardConfigNames.TimeZone} must be an IANA time zone such as Asia/Kolkata (was '{options.TimeZone}').");
        }

        if (!s_logFormats.Contains(options.LogFormat, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{DashboardConfigNames.LogFormat} must be Text or Json (was '{options.LogFormat}').");
        }

        if (!Services.Phones.PhoneNumberRules.IsSupportedRegion(options.PhoneRegion))
        {
            failures.Add($"{DashboardConfigNames.PhoneRegion} must be an ISO 3166-1 alpha-2 region such as IN (was '{options.PhoneRegion}').");
        }

        if (options.Live.Interval < TimeSpan.FromSeconds(1) || options.Live.Intervals.Values.Any(interval => interval < TimeSpan.FromSeconds(1)))
        {
            failures.Add($"{DashboardConfigNames.LiveInterval} and every {DashboardConfigNames.LiveIntervals}:<feed> must be at least 00:00:01.");
        }

        if (options.Live.Tick <= TimeSpan.Zero || options.Live.Tick > options.Live.Interval)
        {
            failures.Add($"{DashboardConfigNames.LiveTick} must be positive and no longer than {DashboardConfigNames.LiveInterval}.");
        }

        failures.AddRange(SecurityOptionsValidator.Validate(options.Security));
        failures.AddRange(SecurityOptionsValidator.Validate(options.ReverseProxy));

        var limits = options.Limits;
        if (limits.MaxRequestBodyBytes < 1024 || limits.MaxHubMessageBytes < 32 * 1024 || limits.MaxUploadBytes < 1024 ||
            limits.MaxTextLength < 1 || limits.MaxReasonLength < 1 || limits.MaxPastedTextLength < 1)
        {
            failures.Add($"{DashboardConfigNames.Limits}: byte limits must be at least 1024 (MaxHubMessageBytes at least 32768) and lengths at least 1.");
        }
        else if (limits.MaxPastedTextLength * 3L > limits.MaxHubMessageBytes)
        {
            failures.Add($"{DashboardConfigNames.Limits}:MaxHubMessageBytes must hold MaxPastedTextLength characters (at least 3 bytes each).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
