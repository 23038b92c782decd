using Osvi.Client.Contracts;
using Osvi.Simulator;

namespace Osvi.Client.Tests.Contract;

/// <summary>Dropped connections and hangs over real sockets (the simulator on a loopback port): a dropped GET is retried
/// and then Unreachable, a dropped or unanswered write is sent once, and the token shows up nowhere.</summary>
public sealed class LoopbackFaultContractTests(LoopbackSimulatorFixture sim) : IClassFixture<LoopbackSimulatorFixture>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await sim.Admin.ClearFaultsAsync();

    private static void AssertNoToken(ContractClient client, OsviError error) =>
        Assert.All(client.LogText().Append(error.ToString()), line => Assert.DoesNotContain(SimulatorDefaults.PrimaryToken, line, StringComparison.Ordinal));

    [Fact]
    public async Task ListCallsAsync_DroppedConnectionOnce_IsRetriedAndSucceeds()
    {
        using var client = sim.Client();
        await sim.Admin.AddFaultAsync(new { kind = "abort", route = "/v1/calls", times = 1 });
        var before = await sim.Admin.RequestCountAsync("GET", "/v1/calls");

        var page = await client.Api.ListCallsAsync(new CallListQuery { PerPage = 5 }, Ct);

        Assert.Equal(5, page.Data.Count);
        Assert.Equal(before + 2, await sim.Admin.RequestCountAsync("GET", "/v1/calls"));
    }

    [Fact]
    public async Task ListCallsAsync_DroppedConnectionEveryTime_IsRetriedThenUnreachable()
    {
        using var client = sim.Client(s => s["OsviApi:MaxRetries"] = "2");
        await sim.Admin.AddFaultAsync(new { kind = "abort", route = "/v1/calls" });
        var before = await sim.Admin.RequestCountAsync("GET", "/v1/calls");

        var error = await OsviAssert.FailsAsync(() => client.Api.ListCallsAsync(new CallListQuery(), Ct), OsviErrorKind.Unreachable, null, "OSVI could not be reached.");

        Assert.Equal(before + 3, await sim.Admin.RequestCountAsync("GET", "/v1/calls"));
        AssertNoToken(client, error);
    }

    [Fact]
    public async Task StartCallAsync_DroppedConnection_IsSentOnceAndUnreachable()
    {
        using var client = sim.Client();
        await sim.Admin.AddFaultAsync(new { kind = "abort", method = "POST", route = "/v1/call" });
        var before = await sim.Admin.RequestCountAsync("POST", "/v1/call");
        var agent = (await client.Api.GetActiveAgentsAsync(Ct))[0].AgentId;

        var error = await OsviAssert.FailsAsync(() => client.Api.StartCallAsync(new StartCallRequest { AgentUuid = agent, PhoneNumber = "9876570001", CountryCode = "IN" }, Ct),
            OsviErrorKind.Unreachable, null, "OSVI could not be reached.");

        Assert.Equal(before + 1, await sim.Admin.RequestCountAsync("POST", "/v1/call"));
        AssertNoToken(client, error);
    }

    [Fact]
    public async Task InjectContextAsync_NoAnswerWithinTheAttemptTimeout_IsSentOnceAndUnreachable()
    {
        using var client = sim.Client(s => (s["OsviApi:AttemptTimeout"], s["OsviApi:TotalTimeout"]) = ("00:00:00.200", "00:00:02"));
        await sim.Admin.AddFaultAsync(new { kind = "timeout", route = "/v1/chat/session/{id}/inject_context" });
        var before = await sim.Admin.RequestCountAsync("POST", "/v1/chat/session/{id}/inject_context");

        var error = await OsviAssert.FailsAsync(() => client.Api.InjectContextAsync(Guid.NewGuid().ToString(), new InjectContextRequest { Context = "x" }, Ct),
            OsviErrorKind.Unreachable, null, "OSVI did not answer in time.");

        Assert.Equal(before + 1, await sim.Admin.RequestCountAsync("POST", "/v1/chat/session/{id}/inject_context"));
        AssertNoToken(client, error);
    }

    [Fact]
    public async Task GetCampaignStatusAsync_NoAnswerAtAll_RetriesEachTimedOutAttemptThenUnreachable()
    {
        using var client = sim.Client(s => (s["OsviApi:AttemptTimeout"], s["OsviApi:TotalTimeout"]) = ("00:00:00.150", "00:00:00.600"));
        await sim.Admin.AddFaultAsync(new { kind = "timeout", route = "/v1/campaigns/{id}/status" });
        var before = await sim.Admin.RequestCountAsync("GET", "/v1/campaigns/{id}/status");

        var error = await OsviAssert.FailsAsync(() => client.Api.GetCampaignStatusAsync(7, Ct), OsviErrorKind.Unreachable, null, "OSVI did not answer in time.");

        Assert.InRange(await sim.Admin.RequestCountAsync("GET", "/v1/campaigns/{id}/status") - before, 2, 4);
        AssertNoToken(client, error);
    }
}
