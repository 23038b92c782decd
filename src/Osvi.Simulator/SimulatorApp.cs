namespace Osvi.Simulator;

/// <summary>Builds the simulator web app: standalone, embedded by the dashboard, or in memory for tests.</summary>
public static class SimulatorApp
{
    /// <summary>Creates the simulator with its services and endpoints mapped.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(SimulatorApp).Assembly.GetName().Name });
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapGet("/v1/active_agents", () => Results.Json(Array.Empty<object>()));
        return app;
    }

    /// <summary>Prints where the simulator listens and the demo tokens.</summary>
    public static void PrintBanner(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Console.WriteLine($"OSVI simulator listening on {string.Join(", ", app.Urls)}");
        Console.WriteLine($"  API-Token (account 1): {SimulatorDefaults.PrimaryToken}");
        Console.WriteLine($"  API-Token (account 2): {SimulatorDefaults.SecondaryToken}");
    }
}
