using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Osvi.Simulator.Hosting;

/// <summary>A simulator running on a free loopback port inside another process (the dashboard's demo mode).</summary>
public sealed class EmbeddedSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddedSimulator(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The primary demo account's API token.</summary>
    public string ApiToken => SimulatorDefaults.PrimaryToken;

    /// <summary>The app's services (e.g. the simulated world, for tests).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the simulator on <c>127.0.0.1</c> with a free port.</summary>
    /// <param name="args">Configuration as command-line style arguments, e.g. <c>--Simulator:ClockSpeed=60</c>.</param>
    /// <param name="ct">Cancels the start.</param>
    public static async Task<EmbeddedSimulator> StartAsync(string[]? args = null, CancellationToken ct = default)
    {
        var app = SimulatorApp.Build(args ?? [], builder => builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0"));
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmbeddedSimulator(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
