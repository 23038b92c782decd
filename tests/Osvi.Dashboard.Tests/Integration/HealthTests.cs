using System.Net;
using System.Text.Json;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Testing;
using Osvi.Simulator;

namespace Osvi.Dashboard.Tests.Integration;

/// <summary><c>/healthz</c> and <c>/readyz</c> on the real host.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_ProcessRunning_Returns200JsonWithoutSecrets()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Live", json.RootElement.GetProperty("mode").GetString());
        Assert.DoesNotContain(SimulatorDefaults.PrimaryToken, body, StringComparison.Ordinal);
        Assert.Empty(factory.UpstreamRequests.Requests);
    }

    [Fact]
    public async Task Readyz_SimulatorAnswersWithTheToken_Returns200()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("osvi").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        var probe = Assert.Single(factory.UpstreamRequests.Requests);
        Assert.True(probe.HadToken);
        Assert.DoesNotContain(SimulatorDefaults.PrimaryToken, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_TokenRejected_Returns503NamingTheKey()
    {
        const string wrongToken = "wrong-token-0000";
        await using var factory = new DashboardFactory().WithSetting(DashboardConfigNames.OsviApiToken, wrongToken);
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("rejected the configured API token (401). Check OsviApi:ApiToken", body, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongToken, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_OsviUnreachable_Returns503()
    {
        await using var factory = new DashboardFactory()
            .WithoutSimulatorRouting()
            .WithSetting(DashboardConfigNames.OsviBaseUrl, "http://127.0.0.1:9/")
            .WithSetting("OsviApi:MaxRetries", "0")
            .WithSetting("OsviApi:AttemptTimeout", "00:00:02");
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Unreachable", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }
}
