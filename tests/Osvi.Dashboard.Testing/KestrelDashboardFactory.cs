using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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

        // Open circuits keep their WebSocket until the host gives up waiting; a test need not wait 30 s for that.
        WithServices(services => services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(3)));
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
