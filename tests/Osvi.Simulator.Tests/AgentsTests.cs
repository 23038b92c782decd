using System.Net;
using System.Text.Json;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Tests;

public sealed class AgentsTests(SharedSimulator shared) : IClassFixture<SharedSimulator>
{
    [Fact]
    public async Task ActiveAgents_Get_ReturnsBareArrayOfActiveVoiceAgentsNewestFirst()
    {
        using var client = shared.Host.Api();

        var (status, body) = await client.GetJsonAsync("/v1/active_agents");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        var account = shared.Host.World.GetAccounts()[0];
        var expected = account.Agents.Where(a => a.State == AgentState.Active && a.Channel == AgentChannel.Voice).Select(a => a.Uuid).ToHashSet();
        var ids = body.EnumerateArray().Select(a => a.Str("agent_id")).ToList();
        Assert.Equal(expected, ids.ToHashSet());
        Assert.All(body.EnumerateArray(), a => Assert.Equal("active", a.Str("status")));
        Assert.All(ids, id => Assert.Matches("^agent_[A-Za-z0-9_-]{26}$", id));
        Assert.Equal("Appointment Reminder", body[0].Str("name"));
    }

    [Fact]
    public void Seed_Accounts_HaveAgentsOfEveryStateAndChannel()
    {
        var accounts = shared.Host.World.GetAccounts();

        Assert.True(accounts.Count >= 2);
        var primary = accounts[0];
        Assert.True(primary.Agents.Count >= 6);
        Assert.Contains(primary.Agents, a => a.State == AgentState.Inactive);
        Assert.Contains(primary.Agents, a => a.State == AgentState.Archived);
        Assert.Contains(primary.Agents, a => a.Channel == AgentChannel.Chat && a.State == AgentState.Active);
        Assert.Equal(5, primary.Campaigns.Count);
        Assert.Empty(primary.Agents.Select(a => a.Uuid).Intersect(accounts[1].Agents.Select(a => a.Uuid)));
    }

    [Fact]
    public async Task ActiveAgents_SecondAccount_SeesOnlyItsOwn()
    {
        using var client = shared.Host.Api(SimulatorDefaults.SecondaryToken);

        var (_, body) = await client.GetJsonAsync("/v1/active_agents");

        var own = shared.Host.World.GetAccounts()[1].Agents.Select(a => a.Uuid).ToHashSet();
        Assert.NotEmpty(body.EnumerateArray());
        Assert.All(body.EnumerateArray(), a => Assert.Contains(a.Str("agent_id"), own));
    }
}
