using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.EndToEnd;

/// <summary>The dashboard on a real Kestrel port, so a real browser can open it.</summary>
public sealed class KestrelDashboardFactory : DashboardFactory
{
    public KestrelDashboardFactory() => UseKestrel(0);

    /// <summary>Starts the server and returns its address without a trailing slash.</summary>
    public string StartAndGetBaseUrl()
    {
        StartServer();
        return ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }
}
