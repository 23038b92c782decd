using Osvi.Client;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Services.Dnd;

namespace Osvi.Dashboard.Tests.Dnd;

/// <summary>The DND service through the real client against the simulator in memory: what OSVI answers (D2, D3, paging,
/// search), what reaches it (counted by the simulator) and what the audit trail records.</summary>
public sealed class DndServiceIntegrationTests
{
    // Numbers ending in 0001–0007 are never seeded customers, so they are on no seeded DND list.
    private const string NewNumber = "98 1154 0002";
    private const string NewNumberE164 = "+919811540002";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddAsync_NewNumber_IsAddedListedAndAuditedOnce()
    {
        await using var host = DndHost.Start();
        var agent = await host.AgentAsync(DndHost.Renewals);

        var result = await host.Dnd.AddAsync(new DndAddRequest { AgentUuid = agent, Phone = NewNumber, Reason = "asked on the phone" }, Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(DndAddOutcome.Added, result.Value.Outcome);
        Assert.Equal(NewNumberE164, result.Value.Phone);
        Assert.Equal(NewNumberE164, result.Value.Entry!.Phone);
        var listed = await host.Dnd.ListAsync(new DndListRequest(agent, "1154 0002"), Ct);
        Assert.Equal(NewNumberE164, Assert.Single(listed.Value!.Items).Phone);
        Assert.Equal("asked on the phone", listed.Value.Items[0].Reason);
        Assert.Equal(1, await host.PostsAsync());
        var row = Assert.Single(await host.AuditRowsAsync());
        Assert.Equal((DndActions.Add, AuditResult.Succeeded, agent, NewNumberE164, DndSources.Manual), (row.Action, row.Result, row.AgentUuid, row.Phone, row.Source));
        Assert.Equal(DndHost.UserName, row.UserName);
        Assert.Contains("asked on the phone", row.ParametersJson, StringComparison.Ordinal);
        Assert.StartsWith("Added (entry ", row.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAsync_NumberAlreadyOnTheList_IsAlreadyListedNotAFailure()
    {
        await using var host = DndHost.Start();
        var agent = await host.AgentAsync(DndHost.Renewals);
        await host.Dnd.AddAsync(new DndAddRequest { AgentUuid = agent, Phone = NewNumber }, Ct);

        var again = await host.Dnd.AddAsync(new DndAddRequest { AgentUuid = agent, Phone = "+91 98115 40002" }, Ct);

        Assert.True(again.Succeeded, again.ToString());
        Assert.Equal(DndAddOutcome.AlreadyListed, again.Value.Outcome);
        Assert.Contains("Phone has already been taken", again.Value.Message, StringComparison.Ordinal);
        var rows = await host.AuditRowsAsync();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal(AuditResult.Succeeded, row.Result));
        Assert.Contains("Already on the list (OSVI answered HTTP 422", rows[1].Message, StringComparison.Ordinal);
        Assert.Equal(2, await host.PostsAsync());
    }

    [Fact]
    public async Task RemoveAsync_ListedNumber_IsRemovedAndNoLongerListed()
    {
        await using var host = DndHost.Start();
        var agent = await host.AgentAsync(DndHost.Renewals);
        await host.Dnd.AddAsync(new DndAddRequest { AgentUuid = agent, Phone = NewNumber }, Ct);

        var removed = await host.Dnd.RemoveAsync(new DndRemoveRequest { AgentUuid = agent, Phone = NewNumberE164 }, Ct);

        Assert.Equal(DndRemoveOutcome.Removed, removed.Value!.Outcome);
        Assert.Contains("Phone removed from DND list", removed.Value.Message, StringComparison.Ordinal);
        Assert.Empty((await host.Dnd.ListAsync(new DndListRequest(agent, NewNumberE164), Ct)).Value!.Items);
        var row = (await host.AuditRowsAsync())[^1];
        Assert.Equal((DndActions.Remove, AuditResult.Succeeded, NewNumberE164), (row.Action, row.Result, row.Phone));
    }

    [Fact]
    public async Task RemoveAsync_NumberNotOnTheList_IsNotOnListNotAFailure()
    {
        await using var host = DndHost.Start();
        var agent = await host.AgentAsync(DndHost.Renewals);

        var result = await host.Dnd.RemoveAsync(new DndRemoveRequest { AgentUuid = agent, Phone = NewNumber }, Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(DndRemoveOutcome.NotOnList, result.Value.Outcome);
        Assert.Contains("Phone not found in DND list", result.Value.Message, StringComparison.Ordinal);
        Assert.Equal(AuditResult.Succeeded, Assert.Single(await host.AuditRowsAsync()).Result);
    }

    [Fact]
    public async Task RemoveAsync_UnknownAgent_FailsAsNotFoundInsteadOfClaimingTheNumberIsNotListed()
    {
        await using var host = DndHost.Start();

        var result = await host.Dnd.RemoveAsync(new DndRemoveRequest { AgentUuid = "agent_doesNotExist00000000000000", Phone = NewNumber }, Ct);

        Assert.Equal(OsviErrorKind.NotFound, result.Error!.Kind);
        var row = Assert.Single(await host.AuditRowsAsync());
        Assert.Equal((AuditResult.Failed, 404, "NotFound"), (row.Result, row.StatusCode, row.ErrorKind));
    }

    [Fact]
    public async Task ListAsync_Paging_ReturnsEveryEntryOnceWithTheTotal()
    {
        await using var host = DndHost.Start();
        var agent = await host.AgentAsync(DndHost.Renewals);

        var pages = new List<DndPage>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add((await host.Dnd.ListAsync(new DndListRequest(agent, Page: page, PerPage: 5), Ct)).Value!);
        }

        Assert.All(pages, page => Assert.Equal(12, page.TotalCount));
        Assert.Equal([5, 5, 2], pages.Select(page => page.Items.Count));
        Assert.Equal(12, pages.SelectMany(page => page.Items).Select(entry => entry.Id).Distinct().Count());
        Assert.Equal(3, host.Factory.UpstreamRequests.Count("/v1/dnd_numbers?"));
        Assert.All(host.Factory.UpstreamRequests.Requests, request => Assert.DoesNotContain("search=", request.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListAsync_Search_IsDoneByOsviAndMatchesWhateverTheFormat()
    {
        await using var host = DndHost.Start();
        var agent = await host.AgentAsync(DndHost.Renewals);
        var all = (await host.Dnd.ListAsync(new DndListRequest(agent, PerPage: 100), Ct)).Value!.Items;
        var target = all[3].Phone;   // +91XXXXXXXXXX
        var national = target[3..];

        var byFragment = await host.Dnd.ListAsync(new DndListRequest(agent, national[4..]), Ct);
        var byTrunkPrefix = await host.Dnd.ListAsync(new DndListRequest(agent, "0" + national[..5] + " " + national[5..]), Ct);

        Assert.Contains(byFragment.Value!.Items, entry => entry.Phone == target);
        Assert.All(byFragment.Value.Items, entry => Assert.Contains(national[4..], entry.Phone, StringComparison.Ordinal));
        Assert.Equal(target, Assert.Single(byTrunkPrefix.Value!.Items).Phone);
        Assert.Contains(host.Factory.UpstreamRequests.Requests, request => request.PathAndQuery.Contains("search=" + national[4..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListAsync_InactiveAgentById_ListsItsNumbers_UnknownAgentIsNotFound()
    {
        await using var host = DndHost.Start();
        var inactive = await host.AgentAsync(DndHost.Leads);
        await host.Dnd.AddAsync(new DndAddRequest { AgentUuid = inactive, Phone = NewNumber }, Ct);

        var list = await host.Dnd.ListAsync(new DndListRequest(inactive), Ct);
        var unknown = await host.Dnd.ListAsync(new DndListRequest("agent_doesNotExist00000000000000"), Ct);

        Assert.Equal(NewNumberE164, Assert.Single(list.Value!.Items).Phone);
        Assert.Equal(OsviErrorKind.NotFound, unknown.Error!.Kind);
    }

    [Fact]
    public async Task AddAsync_Viewer_IsRefusedWithoutAskingOsviAndAudited()
    {
        await using var host = DndHost.Start(role: "viewer");
        var agent = await host.AgentAsync(DndHost.Renewals);

        var result = await host.Dnd.AddAsync(new DndAddRequest { AgentUuid = agent, Phone = NewNumber }, Ct);
        var removed = await host.Dnd.RemoveAsync(new DndRemoveRequest { AgentUuid = agent, Phone = NewNumber }, Ct);

        Assert.NotNull(result.Refusal);
        Assert.NotNull(removed.Refusal);
        Assert.False(await host.Dnd.CanChangeAsync());
        Assert.Equal(0, await host.PostsAsync());
        Assert.Equal(0, await host.DeletesAsync());
        Assert.All(await host.AuditRowsAsync(), row => Assert.Equal(AuditResult.Refused, row.Result));
        Assert.Contains(host.Factory.Logs.Events, e => e.Level == Serilog.Events.LogEventLevel.Warning && e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("dnd.add", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddAsync_OsviFails_AuditsTheFailureWithOsvisAnswer_UnreachableIsOutcomeUnknown()
    {
        await using var host = DndHost.Start();
        var agent = await host.AgentAsync(DndHost.Renewals);
        await host.Admin.AddFaultAsync(new { kind = "error", method = "POST", route = "/v1/dnd_numbers", times = 1 }, Ct);
        await host.Admin.AddFaultAsync(new { kind = "abort", method = "POST", route = "/v1/dnd_numbers", times = 1 }, Ct);

        var failed = await host.Dnd.AddAsync(new DndAddRequest { AgentUuid = agent, Phone = NewNumber }, Ct);
        var dropped = await host.Dnd.AddAsync(new DndAddRequest { AgentUuid = agent, Phone = NewNumber }, Ct);

        Assert.Equal((OsviErrorKind.ServerError, 500), (failed.Error!.Kind, failed.Error.StatusCode));
        Assert.Equal(OsviErrorKind.Unreachable, dropped.Error!.Kind);
        Assert.Equal(2, await host.PostsAsync());
        var rows = await host.AuditRowsAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal((AuditResult.Failed, 500, "ServerError"), (rows[0].Result, rows[0].StatusCode, rows[0].ErrorKind));
        Assert.Equal((AuditResult.Failed, (int?)null, "Unreachable"), (rows[1].Result, rows[1].StatusCode, rows[1].ErrorKind));
    }

    [Fact]
    public async Task CheckAsync_NumberOnOneList_IsBlockedThereOnlyAcrossEveryActiveAgent()
    {
        await using var host = DndHost.Start();
        var renewals = await host.AgentAsync(DndHost.Renewals);
        var target = (await host.Dnd.ListAsync(new DndListRequest(renewals), Ct)).Value!.Items[0];

        var report = await host.Dnd.CheckAsync(target.Phone, null, Ct);

        Assert.True(report.Succeeded, report.ToString());
        Assert.Equal(4, report.Value.Agents.Count);   // the four active voice agents
        var blocked = Assert.Single(report.Value.Agents, agent => agent.State == DndCheckState.Blocked);
        Assert.Equal((renewals, target.Id), (blocked.Agent.Id, blocked.Entry!.Id));
        Assert.Equal(3, report.Value.Agents.Count(agent => agent.State == DndCheckState.NotBlocked));
    }

    [Fact]
    public async Task CheckAsync_OneAgentsListFails_ShowsThatAgentAsUnknownAndTheOthersAnswered()
    {
        await using var host = DndHost.Start("admin", ("Dashboard:Dnd:CheckConcurrency", "1"), ("OsviApi:MaxRetries", "0"));
        await host.Admin.AddFaultAsync(new { kind = "error", method = "GET", route = "/v1/dnd_numbers", times = 1 }, Ct);

        var report = await host.Dnd.CheckAsync(NewNumber, null, Ct);

        Assert.True(report.Succeeded, report.ToString());
        var unknown = Assert.Single(report.Value.Agents, agent => agent.State == DndCheckState.Unknown);
        Assert.Equal(OsviErrorKind.ServerError, unknown.Error!.Kind);
        Assert.Equal(3, report.Value.Agents.Count(agent => agent.State == DndCheckState.NotBlocked));
    }
}
