using Osvi.Dashboard.Options;
using Osvi.Simulator.Hosting;

namespace Osvi.Dashboard.Hosting;

internal static class ModeSetup
{
    /// <summary>Decides live or demo before the host is built. Demo (no token, or <c>Dashboard:Mode=Demo</c>): starts the
    /// simulator on a loopback port, points <c>OsviApi:BaseUrl</c>/<c>OsviApi:ApiToken</c> at it (the real HTTP client
    /// talks to it) and stops it at shutdown. Live: nothing to start; the client's options are validated at start.</summary>
    public static async Task<DashboardModeInfo> AddDashboardModeAsync(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[DashboardConfigNames.Mode];
        var hasToken = !string.IsNullOrWhiteSpace(builder.Configuration[DashboardConfigNames.OsviApiToken]);
        var demo = configured?.Trim().ToLowerInvariant() switch
        {
            "demo" => true,
            "live" => false,
            _ => !hasToken,
        };

        DashboardModeInfo mode;
        if (demo)
        {
            var simulator = await StartOutsideHostingContextAsync(SimulatorArguments(builder.Configuration));
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [DashboardConfigNames.OsviBaseUrl] = simulator.BaseUrl.ToString(),
                [DashboardConfigNames.OsviApiToken] = simulator.ApiToken,
            });
            builder.Services.AddSingleton(simulator);
            builder.Services.AddHostedService<DemoSimulatorLifetime>();
            mode = new DashboardModeInfo(DashboardMode.Demo, simulator.BaseUrl);
        }
        else
        {
            var baseUrl = Uri.TryCreate(builder.Configuration[DashboardConfigNames.OsviBaseUrl], UriKind.Absolute, out var url) ? url : new Uri("https://api.osvi.ai");
            mode = new DashboardModeInfo(DashboardMode.Live, baseUrl);
        }

        builder.Services.AddSingleton(mode);
        return mode;
    }

    // Hosting diagnostics (WebApplicationFactory, dotnet-ef) capture the first host built in the entry point's async
    // flow; built outside that flow, the simulator is never mistaken for the dashboard.
    private static Task<EmbeddedSimulator> StartOutsideHostingContextAsync(string[] args)
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(() => EmbeddedSimulator.StartAsync(args));
        }
    }

    // The dashboard's "Simulator" section becomes the embedded simulator's own configuration. Its own logs stay quiet
    // (warnings up), in JSON when the dashboard logs JSON, and it ignores the container's HTTP_PORTS (it binds a
    // loopback port of its own).
    private static string[] SimulatorArguments(IConfiguration configuration) =>
    [
        "--Logging:LogLevel:Default=Warning",
        "--http_ports=",
        "--https_ports=",
        .. string.Equals(configuration[DashboardConfigNames.LogFormat], "Json", StringComparison.OrdinalIgnoreCase)
            ? new[] { "--Logging:Console:FormatterName=json" }
            : [],
        .. configuration.GetSection(DashboardConfigNames.SimulatorSection).AsEnumerable()
            .Where(pair => pair.Value is not null)
            .Select(pair => $"--{pair.Key}={pair.Value}"),
    ];

    /// <summary>Stops the embedded simulator when the dashboard stops.</summary>
    private sealed class DemoSimulatorLifetime(EmbeddedSimulator simulator) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken) => await simulator.DisposeAsync();
    }
}
