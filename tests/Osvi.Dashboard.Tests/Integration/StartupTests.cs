using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Osvi.Client;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Testing;
using Osvi.Simulator;
using Osvi.Simulator.Hosting;
using Serilog.Events;

namespace Osvi.Dashboard.Tests.Integration;

/// <summary>The real host's start-up: modes, configuration sources, validation, the database.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("too-short")]
    public async Task Start_LiveModeWithoutAValidToken_StopsAndLogsTheKeyToSet(string? token)
    {
        await using var factory = new DashboardFactory().WithSetting(DashboardConfigNames.OsviApiToken, token);

        Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var critical = factory.Logs.Messages(LogEventLevel.Fatal - 1).Where(m => m.Contains("Invalid configuration", StringComparison.Ordinal)).ToList();
        Assert.Contains(critical, m => m.Contains("OsviApi:ApiToken is required (16 characters", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_InvalidDashboardSetting_StopsAndLogsTheKey()
    {
        await using var factory = new DashboardFactory().WithSetting(DashboardConfigNames.TimeZone, "Mars/Olympus_Mons");

        Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(factory.Logs.Messages(LogEventLevel.Error), m => m.Contains("Dashboard:TimeZone must be an IANA time zone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_AutoModeWithoutToken_RunsDemoAgainstTheEmbeddedSimulatorAndStopsIt()
    {
        var factory = new DashboardFactory()
            .WithSetting(DashboardConfigNames.Mode, null)
            .WithSetting(DashboardConfigNames.OsviApiToken, null)
            .WithSetting(DashboardConfigNames.OsviBaseUrl, null);
        Uri simulatorUrl;
        await using (factory)
        {
            var mode = factory.Services.GetRequiredService<DashboardModeInfo>();
            var simulator = factory.Services.GetRequiredService<EmbeddedSimulator>();
            var osvi = factory.Services.GetRequiredService<IOptions<OsviApiOptions>>().Value;
            simulatorUrl = simulator.BaseUrl;

            Assert.True(mode.IsDemo);
            Assert.Equal("127.0.0.1", simulatorUrl.Host);
            Assert.Equal(simulatorUrl, osvi.BaseUrl);
            Assert.Equal(SimulatorDefaults.PrimaryToken, osvi.ApiToken);
            using var direct = new HttpClient { BaseAddress = simulatorUrl };
            direct.DefaultRequestHeaders.Add("API-Token", SimulatorDefaults.PrimaryToken);
            Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync("/v1/active_agents", TestContext.Current.CancellationToken)).StatusCode);
            Assert.Contains(factory.Logs.Messages(LogEventLevel.Warning), m => m.Contains("DEMO MODE", StringComparison.Ordinal));
        }

        using var after = new HttpClient { BaseAddress = simulatorUrl };
        await Assert.ThrowsAsync<HttpRequestException>(() => after.GetAsync("/v1/active_agents", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Start_AutoModeWithToken_RunsLive()
    {
        await using var factory = new DashboardFactory().WithSetting(DashboardConfigNames.Mode, "Auto");

        var mode = factory.Services.GetRequiredService<DashboardModeInfo>();

        Assert.Equal(DashboardMode.Live, mode.Mode);
        Assert.Equal(DashboardFactory.SimulatorBaseUrl, mode.OsviBaseUrl);
        Assert.Null(factory.Services.GetService<EmbeddedSimulator>());
    }

    [Fact]
    public async Task Start_SecretsFolderHoldsTheToken_RunsLiveWithIt()
    {
        var secrets = Directory.CreateTempSubdirectory("osvi-secrets-");
        try
        {
            // Docker secrets end with a newline; key-per-file names use "__" for ":".
            await File.WriteAllTextAsync(Path.Combine(secrets.FullName, "OsviApi__ApiToken"), SimulatorDefaults.SecondaryToken + "\n", TestContext.Current.CancellationToken);
            await using var factory = new DashboardFactory()
                .WithSetting(DashboardConfigNames.Mode, "Auto")
                .WithSetting(DashboardConfigNames.OsviApiToken, null)
                .WithSetting(DashboardConfigNames.SecretsPath, secrets.FullName);

            var mode = factory.Services.GetRequiredService<DashboardModeInfo>();
            var osvi = factory.Services.GetRequiredService<IOptions<OsviApiOptions>>().Value;

            Assert.Equal(DashboardMode.Live, mode.Mode);
            Assert.Equal(SimulatorDefaults.SecondaryToken, osvi.ApiToken.Trim());
        }
        finally
        {
            secrets.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_DataFolderMissing_IsCreatedAndMigrated()
    {
        var parent = Path.Combine(Path.GetTempPath(), "osvi-dashboard-tests", Guid.NewGuid().ToString("N"));
        var dataPath = Path.Combine(parent, "nested", "data");
        try
        {
            await using var factory = new DashboardFactory().WithSetting(DashboardConfigNames.DataPath, dataPath);

            var audit = factory.Services.GetRequiredService<IAuditLog>();
            var page = await audit.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken);

            Assert.True(File.Exists(Path.Combine(dataPath, Data.DashboardDatabase.FileName)));
            Assert.Equal(0, page.TotalCount);
            Assert.Contains(factory.Logs.Messages(), m => m.Contains("Dashboard database ready", StringComparison.Ordinal));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(parent, recursive: true);
        }
    }
}
