using System.Globalization;
using System.Net;
using Osvi.Dashboard.Services.Dnd;

namespace Osvi.Dashboard.Tests.Dnd;

/// <summary>The CSV exports through the real host (every page of OSVI streamed, spreadsheet-safe, masked for viewers)
/// and the DND audit trail as the view reads it.</summary>
public sealed class DndExportAndAuditTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListExport_MoreThanOnePage_StreamsEveryEntryOnceWithoutFormulas()
    {
        await using var host = DndHost.Start();
        var agent = await host.AgentAsync(DndHost.Reminders);
        var numbers = string.Join('\n', Enumerable.Range(0, 120).Select(i => $"9{i:D3}540006"));
        var run = DndBulkInput.CreateRun(DndBulkInput.Parse(numbers, "IN"), agent, DndBulkOperation.Add, "=HYPERLINK(\"http://evil.example\",\"click\")");
        await host.Dnd.RunBulkAsync(run, Ct);
        Assert.Equal(120, run.Summary()[DndLineOutcome.Added]);
        using var client = host.CreateClient();
        var listReadsBefore = host.Factory.UpstreamRequests.Count("/v1/dnd_numbers?");

        using var response = await client.GetAsync($"/dnd/export.csv?agent_uuid={agent}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment; filename=\"dnd-agent_", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("phone,reason,added_at,entry_id,agent_uuid", lines[0]);
        Assert.Equal(125, lines.Length - 1);   // 5 seeded + 120 added, across two pages of 100
        Assert.Equal(125, lines.Skip(1).Select(line => line.Split(',')[0]).Distinct().Count());
        Assert.Contains(lines, line => line.StartsWith("+919000540006,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",", StringComparison.Ordinal));
        Assert.Equal(2, host.Factory.UpstreamRequests.Count("/v1/dnd_numbers?") - listReadsBefore);
        Assert.All(host.Factory.UpstreamRequests.Requests.Where(r => r.PathAndQuery.StartsWith("/v1/dnd_numbers?", StringComparison.Ordinal)).TakeLast(2),
            request => Assert.Contains("per_page=100", request.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListExport_Viewer_GetsNumbersMaskedToTheLastFourDigits()
    {
        await using var host = DndHost.Start(role: "viewer");
        var agent = await host.AgentAsync(DndHost.Renewals);
        using var client = host.CreateClient();

        var text = await client.GetStringAsync($"/dnd/export.csv?agent_uuid={agent}", Ct);

        var rows = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(rows);
        // The last four digits stay; the number's own grouping may put a space among them ("••7 287").
        Assert.All(rows, row => Assert.Matches(@"^'\+•• [•\s]+\d(\s?\d){3},", row));
    }

    [Fact]
    public async Task ListExport_UnknownAgent_IsNotFoundBeforeAnyRowAndMissingAgentIsBadRequest()
    {
        await using var host = DndHost.Start();
        using var client = host.CreateClient();

        using var unknown = await client.GetAsync("/dnd/export.csv?agent_uuid=agent_doesNotExist00000000000000", Ct);
        using var missing = await client.GetAsync("/dnd/export.csv", Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("OSVI: Not found", await unknown.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task ReadAllAsync_ListChangesWhilePaging_EndsWithAFailureInsteadOfASilentGap()
    {
        await using var host = DndHost.Start();
        var agent = await host.AgentAsync(DndHost.Reminders);
        var run = DndBulkInput.CreateRun(DndBulkInput.Parse(string.Join('\n', Enumerable.Range(0, 100).Select(i => $"9{i:D3}550006")), "IN"), agent, DndBulkOperation.Add, null);
        await host.Dnd.RunBulkAsync(run, Ct);

        var pages = new List<Osvi.Dashboard.Services.ServiceResult<DndPage>>();
        await foreach (var page in host.Dnd.ReadAllAsync(agent, null, Ct))
        {
            pages.Add(page);
            if (pages.Count == 1)
            {
                // Someone adds a number between page 1 and page 2.
                await host.Dnd.AddAsync(new DndAddRequest { AgentUuid = agent, Phone = "9888550006" }, Ct);
            }
        }

        Assert.True(pages[0].Succeeded);
        Assert.False(pages[^1].Succeeded);
        Assert.Contains("changed while it was being read", pages[^1].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromACall_TheAuditRowKeepsTheCallAndTheViewShowsIt_FiltersNarrowIt()
    {
        await using var host = DndHost.Start();
        var agent = await host.AgentAsync(DndHost.Renewals);
        await host.Dnd.AddAsync(new DndAddRequest { AgentUuid = agent, Phone = "+91 98115 40001", Reason = "said so on the call", Source = DndSources.FromCall, CallId = "6f1c2a4e-0000-4000-8000-000000000001" }, Ct);
        await host.Dnd.AddAsync(new DndAddRequest { AgentUuid = await host.AgentAsync(DndHost.Reminders), Phone = "9811540002" }, Ct);

        var all = await host.Dnd.QueryAuditAsync(new DndAuditFilter(), 0, 50, Ct);
        var forAgent = await host.Dnd.QueryAuditAsync(new DndAuditFilter { AgentUuid = agent }, 0, 50, Ct);
        var byNumber = await host.Dnd.QueryAuditAsync(new DndAuditFilter { Phone = "098115 40001" }, 0, 50, Ct);
        var byUser = await host.Dnd.QueryAuditAsync(new DndAuditFilter { User = "nobody" }, 0, 50, Ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).DateTime);
        var todayOnly = await host.Dnd.QueryAuditAsync(new DndAuditFilter { From = today, To = today }, 0, 50, Ct);
        var tomorrow = await host.Dnd.QueryAuditAsync(new DndAuditFilter { From = today.AddDays(1) }, 0, 50, Ct);

        Assert.Equal(2, all.Value!.TotalCount);
        var row = Assert.Single(forAgent.Value!.Items);
        Assert.Equal((DndSources.FromCall, "6f1c2a4e-0000-4000-8000-000000000001", "said so on the call", "+919811540001"), (row.Source, row.CallId, row.Reason, row.Phone));
        Assert.Equal(row.Id, Assert.Single(byNumber.Value!.Items).Id);
        Assert.Empty(byUser.Value!.Items);
        Assert.Equal(2, todayOnly.Value!.TotalCount);
        Assert.Empty(tomorrow.Value!.Items);
    }

    [Fact]
    public async Task AuditExport_StreamsTheFilteredTrailAsCsv()
    {
        await using var host = DndHost.Start();
        var agent = await host.AgentAsync(DndHost.Renewals);
        await host.Dnd.AddAsync(new DndAddRequest { AgentUuid = agent, Phone = "9811540003", Reason = "-1+1" }, Ct);
        await host.Dnd.RemoveAsync(new DndRemoveRequest { AgentUuid = agent, Phone = "9811540003" }, Ct);
        await host.Dnd.RemoveAsync(new DndRemoveRequest { AgentUuid = agent, Phone = "9811540004" }, Ct);
        using var client = host.CreateClient();

        var text = await client.GetStringAsync($"/dnd/audit.csv?agent_uuid={agent}&phone=40003", Ct);

        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("occurred_at,user,action,agent_uuid,phone,reason,source,call_id,bulk_run,bulk_line,result,status_code,error_kind,message", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{Today()}", lines[1], StringComparison.Ordinal);
        Assert.Contains($",{DndHost.UserName},dnd.remove,", lines[1], StringComparison.Ordinal);
        Assert.Contains($",{DndHost.UserName},dnd.add,", lines[2], StringComparison.Ordinal);
        Assert.Contains(",+919811540003,'-1+1,manual,", lines[2], StringComparison.Ordinal);
        Assert.Contains(",Succeeded,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditExport_BadDate_IsBadRequest_ViewerMayNotReadTheTrail()
    {
        await using var host = DndHost.Start();
        using var client = host.CreateClient();
        using var badDate = await client.GetAsync("/dnd/audit.csv?from=12/06/2026", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);

        await using var viewerHost = DndHost.Start(role: "viewer");
        using var viewer = viewerHost.CreateClient();
        using var refused = await viewer.GetAsync("/dnd/audit.csv", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(await viewerHost.Dnd.CanReadAuditAsync());
        Assert.NotNull((await viewerHost.Dnd.QueryAuditAsync(new DndAuditFilter(), 0, 10, Ct)).Refusal);
    }

    private static string Today() =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
