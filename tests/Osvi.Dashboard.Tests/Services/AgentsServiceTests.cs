using Microsoft.Extensions.Logging.Abstractions;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Testing.Fakes;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Services;

public sealed class AgentsServiceTests
{
    [Fact]
    public async Task GetActiveAgentsAsync_OsviList_KeepsOrderAndFallsBackToTheIdForAMissingName()
    {
        var api = new FakeOsviApi
        {
            OnGetActiveAgents = _ => Task.FromResult<IReadOnlyList<ActiveAgent>>(
            [
                new ActiveAgent { AgentId = "agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", Name = "Appointment Reminder" },
                new ActiveAgent { AgentId = "agent_x9KpL2Mn_41Tg83YWQNca-B_pe", Name = " ", Status = AgentStatus.From("paused") },
            ]),
        };
        var service = new AgentsService(new OsviGateway(api, new OsviAuthAlarm(), TestOptions.Redactor(), NullLogger<OsviGateway>.Instance));

        var result = await service.GetActiveAgentsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                new AgentView("agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", "Appointment Reminder", "active"),
                new AgentView("agent_x9KpL2Mn_41Tg83YWQNca-B_pe", "agent_x9KpL2Mn_41Tg83YWQNca-B_pe", "paused"),
            ], result.Value);
    }
}
