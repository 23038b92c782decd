using Microsoft.Extensions.Options;
using Osvi.Dashboard.Options;

namespace Osvi.Dashboard.Hosting;

/// <summary>Says once, at start, how the dashboard is set up (never the token).</summary>
internal sealed partial class StartupReport(DashboardModeInfo mode, IOptions<DashboardOptions> options, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (mode.IsDemo)
        {
            LogDemo(logger, mode.OsviBaseUrl, DashboardConfigNames.OsviApiToken);
        }
        else
        {
            LogLive(logger, mode.OsviBaseUrl);
        }

        LogSettings(logger, options.Value.GetDataDirectory(), options.Value.TimeZone);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "DEMO MODE: no OSVI token is configured, so the dashboard shows simulated data from the embedded simulator at {SimulatorUrl}. Set {TokenKey} (environment variable OsviApi__ApiToken or a secret file) to use your OSVI account.")]
    private static partial void LogDemo(ILogger logger, Uri simulatorUrl, string tokenKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live mode: OSVI at {OsviUrl}")]
    private static partial void LogLive(ILogger logger, Uri osviUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data folder {DataPath}; \"today\" is in {TimeZone}")]
    private static partial void LogSettings(ILogger logger, string dataPath, string timeZone);
}
