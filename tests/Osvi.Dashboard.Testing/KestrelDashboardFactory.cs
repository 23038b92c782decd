namespace Osvi.Dashboard.Testing;

/// <summary>The dashboard on a real Kestrel loopback port, so a real browser can open it. It runs in demo mode by
/// default (the embedded simulator on its own loopback port, reached through the real HTTP client) with a short poll
/// interval so pages update within a test's patience.</summary>
public class KestrelDashboardFactory : DashboardFactory
{
    public KestrelDashboardFactory(bool demo = true)
    {
        UseKestrel(0);
        if (demo)
        {
            UseDemoMode();
        }

        WithSetting(Options.DashboardConfigNames.LiveInterval, "00:00:02");
        WithSetting(Options.DashboardConfigNames.LiveTick, "00:00:00.250");
    }

    /// <summary>Starts the server (once) and returns its address without a trailing slash.</summary>
    public string StartAndGetBaseUrl()
    {
        StartServer();
        return ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }
}
