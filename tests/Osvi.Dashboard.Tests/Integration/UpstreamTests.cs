using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Overview;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Tests.Support;
using Osvi.Simulator;

namespace Osvi.Dashboard.Tests.Integration;

/// <summary>The dashboard's services against the simulator in memory, through the real OSVI client.</summary>
public sealed class UpstreamTests
{
    [Fact]
    public async Task ActiveAgentsFeed_ManyWatchers_OneRequestToTheSimulatorWithTheToken()
    {
        await using var factory = new DashboardFactory();
        _ = factory.Services;
        var live = factory.Services.GetRequiredService<ILiveData>();
        var watchers = Enumerable.Range(0, 25).Select(_ => live.Subscribe(ActiveAgentsKey.Instance, _ => Task.CompletedTask)).ToList();
        await Eventually.TrueAsync(() => watchers.All(w => w.Current.HasValue), "the agents feed delivered a value to every watcher", 30000);

        var request = Assert.Single(factory.UpstreamRequests.Requests, r => r.PathAndQuery.StartsWith("/v1/active_agents", StringComparison.Ordinal));
        Assert.True(request.HadToken);
        Assert.Equal(200, request.StatusCode);
        watchers.ForEach(w => w.Dispose());
    }

    [Fact]
    public async Task CountByStatusAsync_AgainstTheSimulator_MatchesItsOwnCounts()
    {
        await using var factory = new DashboardFactory();
        _ = factory.Services;
        using var simulator = factory.Simulator.CreateClient();
        var clock = factory.Services.GetRequiredService<DashboardClock>();
        await using var scope = factory.Services.CreateAsyncScope();
        var counts = scope.ServiceProvider.GetRequiredService<ICallCountsService>();
        var day = clock.Today.AddDays(-1);   // yesterday: settled, so counts cannot move between the two reads
        var (start, end) = clock.DayBounds(day);

        var result = await counts.CountByStatusAsync(day, agentUuid: null, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error?.Message);
        foreach (var status in CallStatus.Known)
        {
            Assert.Equal(await SimulatorCountAsync(simulator, status.Value, start, end), result.Value.Count(status));
        }

        Assert.True(result.Value.Total > 0, "the seeded simulator has calls on a past day");
        Assert.Equal(6, factory.UpstreamRequests.Count("/v1/calls?"));
    }

    private static async Task<int> SimulatorCountAsync(HttpClient simulator, string status, string start, string end)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/v1/calls?status={status}&per_page=1&start_date={Uri.EscapeDataString(start)}&end_date={Uri.EscapeDataString(end)}");
        request.Headers.Add("API-Token", SimulatorDefaults.PrimaryToken);
        using var response = await simulator.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meta").GetProperty("total_count").GetInt32();
    }
}
