using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Osvi.Simulator.Admin;
using Osvi.Simulator.Chat;
using Osvi.Simulator.Diagnostics;
using Osvi.Simulator.Endpoints;
using Osvi.Simulator.Faults;
using Osvi.Simulator.Recordings;
using Osvi.Simulator.Time;
using Osvi.Simulator.Webhooks;
using Osvi.Simulator.Wire;
using Osvi.Simulator.World;

namespace Osvi.Simulator;

/// <summary>Builds the simulator web app: standalone, embedded by the dashboard, or in memory for tests.</summary>
public static class SimulatorApp
{
    /// <summary>Creates the simulator with its services and endpoints mapped.</summary>
    /// <param name="args">Command-line arguments (configuration such as <c>--Simulator:ClockSpeed=60</c>).</param>
    /// <param name="configure">Changes to the builder before the app is built (e.g. Kestrel on a loopback port).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(SimulatorApp).Assembly.GetName().Name });
        // Per-request framework logs would cost more than serving a page of calls.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddOsviSimulator(builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapOsviSimulator();
        return app;
    }

    /// <summary>Registers the simulator's services (options, clock, world, chat, faults, logs, webhooks).</summary>
    public static IServiceCollection AddOsviSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulatorOptions>()
            .Bind(configuration.GetSection(SimulatorOptions.SectionName))
            .Validate(o => double.IsFinite(o.ClockSpeed) && o.ClockSpeed > 0, "Simulator:ClockSpeed must be greater than 0")
            .Validate(o => o.PrimaryCallCount >= 0 && o.SecondaryCallCount >= 0 && o.SeedDays > 0, "Simulator:PrimaryCallCount/SecondaryCallCount must be ≥ 0 and Simulator:SeedDays > 0")
            .Validate(o => !string.IsNullOrEmpty(o.AdminKey), "Simulator:AdminKey must not be empty")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SimulatorClock(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<SimulatorOptions>>().Value.ClockSpeed));
        services.AddSingleton<RuntimeSettings>();
        services.AddSingleton<ApiErrors>();
        services.AddSingleton<SimulatorWorld>();
        services.AddSingleton<ChatEngine>();
        services.AddSingleton<FaultStore>();
        services.AddSingleton<RequestLog>();
        services.AddSingleton<RecordingSigner>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddHostedService<WorldTicker>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, (sp, client) =>
            client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SimulatorOptions>>().Value.WebhookTimeoutSeconds));
        services.ConfigureHttpJsonOptions(options => SimulatorJson.Configure(options.SerializerOptions));
        return services;
    }

    /// <summary>Maps the pipeline, the v1 API, recordings and the admin API.</summary>
    public static WebApplication MapOsviSimulator(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSimulatorPipeline();
        var v1 = app.MapGroup("/v1");
        AgentsEndpoints.Map(v1);
        CallsEndpoints.Map(v1);
        CampaignsEndpoints.Map(v1);
        DndEndpoints.Map(v1);
        ChatEndpoints.Map(v1);
        RecordingEndpoints.Map(app);
        AdminEndpoints.Map(app);
        app.MapFallback(() => ApiErrors.NotFound());
        return app;
    }

    /// <summary>Prints where the simulator listens and the demo tokens.</summary>
    public static void PrintBanner(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var world = app.Services.GetRequiredService<SimulatorWorld>();
        Console.WriteLine($"OSVI simulator listening on {string.Join(", ", app.Urls)}");
        foreach (var account in world.GetAccounts())
        {
            Console.WriteLine($"  API-Token {account.Token}  {account.Name} ({account.CallCount} calls)");
        }

        Console.WriteLine($"  Admin: {SimulatorDefaults.AdminKeyHeader}: {app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value.AdminKey}  (/_simulator/...)");
        Console.WriteLine($"  Clock speed: {world.Clock.Speed}x");
    }
}
