using Osvi.Client.Contracts;
using Osvi.Simulator.World;

namespace Osvi.Client.Tests.Contract;

/// <summary><c>GET /v1/active_agents</c> (§3.1) and the 401 of every endpoint (§1, D1), real client against the simulator.</summary>
public sealed class AgentsAndAuthContractTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetActiveAgentsAsync_PrimaryAccount_ReturnsOnlyActiveVoiceAgentsNewestUpdateFirst()
    {
        var agents = await sim.Primary.GetActiveAgentsAsync(Ct);

        var expected = sim.World.GetAccounts()[0].Agents.Where(a => a is { State: AgentState.Active, Channel: AgentChannel.Voice }).ToList();
        Assert.Equal(expected.Select(a => (a.Uuid, a.Name)).Order(), agents.Select(a => (a.AgentId, a.Name)).Order());
        // Seeded update times: 2 h, 5 h, 1 day and 3 days ago.
        Assert.Equal(["Appointment Reminder", "Policy Renewals", "EMI Payment Reminder", "Support Line"], agents.Select(a => a.Name));
        Assert.All(agents, a =>
        {
            Assert.Equal(AgentStatus.Active, a.Status);
            Assert.True(a.Status.IsKnown);
            Assert.Matches("^agent_[A-Za-z0-9_-]{26}$", a.AgentId);
        });
        // Inactive, archived and chat agents exist but are not listed.
        Assert.Contains(sim.World.GetAccounts()[0].Agents, a => a.State == AgentState.Inactive);
        Assert.Contains(sim.World.GetAccounts()[0].Agents, a => a.State == AgentState.Archived);
        Assert.Contains(sim.World.GetAccounts()[0].Agents, a => a is { State: AgentState.Active, Channel: AgentChannel.Chat });
    }

    [Fact]
    public async Task GetActiveAgentsAsync_SecondAccount_ReturnsOnlyItsOwnAgents()
    {
        var agents = await sim.Secondary.GetActiveAgentsAsync(Ct);

        var agent = Assert.Single(agents);
        Assert.Equal("Delivery Updates", agent.Name);
        Assert.Equal(sim.Agent(account: 1).Uuid, agent.AgentId);
    }

    public static TheoryData<string> WrongTokens => new()
    {
        "SIM-PRIMARY-0001", // the right token in the wrong case
        "sim-primary-0002", // one character off
        "0123456789abcdef", // valid length, no account
    };

    [Theory]
    [MemberData(nameof(WrongTokens))]
    public async Task GetActiveAgentsAsync_WrongToken_IsUnauthorizedWithOsvisMessageAndNoTrace(string token)
    {
        using var client = sim.Client(token);

        var error = await OsviAssert.FailsAsync(() => client.Api.GetActiveAgentsAsync(Ct), OsviErrorKind.Unauthorized, 401, "Invalid or missing API token");

        Assert.Empty(error.FieldErrors);
        Assert.All(client.LogText().Append(error.ToString()), line => Assert.DoesNotContain(token, line, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Endpoint.Indexes), MemberType = typeof(Endpoint))]
    public async Task AnyEndpoint_TokenOfNoAccount_IsUnauthorized401(int endpoint)
    {
        using var client = sim.Client("nobody-0000-0000");

        var error = await Endpoint.All[endpoint].FailureAsync(client.Api, Ct);

        Assert.Equal(new OsviError(OsviErrorKind.Unauthorized, 401, "Invalid or missing API token", []), error with { FieldErrors = [] });
        Assert.Empty(error.FieldErrors);
    }

    [Fact]
    public async Task GetActiveAgentsAsync_401WithABareMessageBody_KeepsThatMessage()
    {
        // §7: the real 401 body is unknown; the simulator can send another shape, which the client must read (D1).
        await sim.SetSettingsAsync(new { unauthorized_body = """{"message":"Unauthorized"}""" });
        try
        {
            using var client = sim.Client("nobody-0000-0000");

            await OsviAssert.FailsAsync(() => client.Api.GetActiveAgentsAsync(Ct), OsviErrorKind.Unauthorized, 401, "Unauthorized");
        }
        finally
        {
            await sim.ResetSettingsAsync();
        }
    }
}
