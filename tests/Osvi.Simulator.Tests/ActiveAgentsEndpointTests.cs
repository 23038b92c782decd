using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Osvi.Simulator.Tests;

public sealed class ActiveAgentsEndpointTests(WebApplicationFactory<SimulatorEntryPoint> factory) : IClassFixture<WebApplicationFactory<SimulatorEntryPoint>>
{
    [Fact]
    public async Task ActiveAgents_Get_ReturnsJsonArray()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/v1/active_agents", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("[", body, StringComparison.Ordinal);
    }
}
