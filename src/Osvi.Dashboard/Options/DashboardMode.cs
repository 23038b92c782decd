namespace Osvi.Dashboard.Options;

/// <summary>Where the dashboard's data comes from.</summary>
public enum DashboardMode
{
    /// <summary>A real OSVI account, reached with the configured token.</summary>
    Live,

    /// <summary>The embedded simulator on a loopback port: simulated data, no token needed.</summary>
    Demo,
}

/// <summary>The mode this process runs in, decided once at start-up.</summary>
/// <param name="Mode">Live or demo.</param>
/// <param name="OsviBaseUrl">The OSVI root the client talks to (the embedded simulator's address in demo mode).</param>
public sealed record DashboardModeInfo(DashboardMode Mode, Uri OsviBaseUrl)
{
    /// <summary>True when the data is simulated.</summary>
    public bool IsDemo => Mode == DashboardMode.Demo;
}
