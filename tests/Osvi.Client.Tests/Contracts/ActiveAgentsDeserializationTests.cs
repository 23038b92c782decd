using System.Text.Json;
using Osvi.Client.Contracts;
using Osvi.Client.Serialization;

namespace Osvi.Client.Tests.Contracts;

public sealed class ActiveAgentsDeserializationTests
{
    [Fact]
    public void Deserialize_DocumentedBareArray_ReadsEveryAgent()
    {
        const string json = """
            [
              {"agent_id": "agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", "name": "Appointment Reminder", "status": "active"},
              {"agent_id": "agent_x9KpL2Mn_41Tg83YWQNca-B_pe", "name": "Support Line", "status": "paused"}
            ]
            """;

        var agents = JsonSerializer.Deserialize<IReadOnlyList<ActiveAgent>>(json, OsviJson.Options)!;

        Assert.Equal(2, agents.Count);
        Assert.Equal("agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", agents[0].AgentId);
        Assert.Equal(AgentStatus.Active, agents[0].Status);
        Assert.False(agents[1].Status.IsKnown);
        Assert.Equal("paused", agents[1].Status.Value);
    }
}
