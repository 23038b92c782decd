using System.Diagnostics;
using System.Text.Json;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Services.Dnd;

namespace Osvi.Dashboard.Tests.Dnd;

/// <summary>Bulk runs against the simulator in memory: one outcome per line, counts that add up, one upstream request
/// and one audit row per sent line — also when OSVI fails, drops the connection or the run is stopped mid-flight.</summary>
public sealed class DndBulkIntegrationTests
{
    private static readonly (string, string)[] s_oneAtATime = [("Dashboard:Dnd:BulkConcurrency", "1")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunBulkAsync_MixedLines_EveryLineGetsOneOutcomeAndTheCountsMatch()
    {
        await using var host = DndHost.Start();
        var agent = await host.AgentAsync(DndHost.Renewals);
        var listed = (await host.Dnd.ListAsync(new DndListRequest(agent), Ct)).Value!.Items[0].Phone;
        var text = $"""
            phone,reason
            98 1154 0001, wrong number
            +91 98125 40002
            {listed[3..]}
            12345

            0981154 0001
            98135 40003
            """;
        var parse = DndBulkInput.Parse(text, "IN");
        var run = DndBulkInput.CreateRun(parse, agent, DndBulkOperation.Add, "bulk opt-out list");

        await host.Dnd.RunBulkAsync(run, Ct);

        var summary = run.Summary();
        Assert.Equal(6, summary.Total);
        Assert.Equal((3, 1, 1, 1), (summary[DndLineOutcome.Added], summary[DndLineOutcome.AlreadyListed], summary[DndLineOutcome.Invalid], summary[DndLineOutcome.Repeated]));
        Assert.Equal([2, 3, 4, 5, 7, 8], run.Lines.Select(line => line.Number));
        Assert.Equal("Same number as line 2; sent once.", run.Lines[4].Message);
        Assert.Equal(4, await host.PostsAsync());
        var rows = await host.AuditRowsAsync();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, row => Assert.Equal((DndSources.Bulk, AuditResult.Succeeded), (row.Source, row.Result)));
        Assert.Equal([2, 3, 4, 8], rows.Select(row => BulkLine(row, run.Id)).Order());
        Assert.Contains("wrong number", rows.Single(row => BulkLine(row, run.Id) == 2).ParametersJson, StringComparison.Ordinal);
        Assert.Contains("bulk opt-out list", rows.Single(row => BulkLine(row, run.Id) == 3).ParametersJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunBulkAsync_Remove_ListedAndUnlistedNumbers_RemovedAndNotOnList()
    {
        await using var host = DndHost.Start();
        var agent = await host.AgentAsync(DndHost.Renewals);
        var listed = (await host.Dnd.ListAsync(new DndListRequest(agent), Ct)).Value!.Items[0].Phone;
        var run = DndBulkInput.CreateRun(DndBulkInput.Parse($"{listed}\n98 1154 0004", "IN"), agent, DndBulkOperation.Remove, null);

        await host.Dnd.RunBulkAsync(run, Ct);

        Assert.Equal([DndLineOutcome.Removed, DndLineOutcome.NotOnList], run.Lines.Select(line => line.Outcome));
        Assert.Equal(11, (await host.Dnd.ListAsync(new DndListRequest(agent), Ct)).Value!.TotalCount);
        Assert.Equal(2, await host.DeletesAsync());
        Assert.Equal(2, (await host.AuditRowsAsync()).Count(row => row.Action == DndActions.Remove && row.Result == AuditResult.Succeeded));
    }

    [Fact]
    public async Task RunBulkAsync_ServerErrorsAndADroppedConnectionMidRun_EachLineSentOnceAuditedOnceAndReported()
    {
        await using var host = DndHost.Start("admin", s_oneAtATime);
        var agent = await host.AgentAsync(DndHost.Reminders);
        var numbers = string.Join('\n', Enumerable.Range(10, 8).Select(i => $"98{i}540002"));
        var run = DndBulkInput.CreateRun(DndBulkInput.Parse(numbers, "IN"), agent, DndBulkOperation.Add, null);
        var faultsAdded = 0;
        run.Changed += () =>
        {
            // One line at a time: a fault added when a line finished applies to the next line(s).
            var done = run.Summary().Done;
            if (done == 2 && Interlocked.CompareExchange(ref faultsAdded, 1, 0) == 0)
            {
                host.Admin.AddFaultAsync(new { kind = "error", method = "POST", route = "/v1/dnd_numbers", times = 2 }).GetAwaiter().GetResult();
            }
            else if (done == 5 && Interlocked.CompareExchange(ref faultsAdded, 2, 1) == 1)
            {
                host.Admin.AddFaultAsync(new { kind = "abort", method = "POST", route = "/v1/dnd_numbers", times = 1 }).GetAwaiter().GetResult();
            }
        };

        await host.Dnd.RunBulkAsync(run, Ct);

        Assert.Equal(
            [DndLineOutcome.Added, DndLineOutcome.Added, DndLineOutcome.Failed, DndLineOutcome.Failed, DndLineOutcome.Added, DndLineOutcome.Unknown, DndLineOutcome.Added, DndLineOutcome.Added],
            run.Lines.Select(line => line.Outcome));
        Assert.StartsWith("OSVI answered HTTP 500", run.Lines[2].Message, StringComparison.Ordinal);
        Assert.Contains("may or may not have been added", run.Lines[5].Message, StringComparison.Ordinal);
        var summary = run.Summary();
        Assert.Equal((8, 5, 2, 1), (summary.Total, summary[DndLineOutcome.Added], summary[DndLineOutcome.Failed], summary[DndLineOutcome.Unknown]));

        // One request per line, never retried; one audit row per line, failures included.
        Assert.Equal(8, await host.PostsAsync());
        var rows = await host.AuditRowsAsync();
        Assert.Equal(Enumerable.Range(1, 8), rows.Select(row => BulkLine(row, run.Id)).Order());
        Assert.Equal(5, rows.Count(row => row.Result == AuditResult.Succeeded));
        Assert.Equal(2, rows.Count(row => row.Result == AuditResult.Failed && row.StatusCode == 500 && row.ErrorKind == "ServerError"));
        Assert.Equal(6, Assert.Single(rows, row => row.ErrorKind == "Unreachable").ParametersJson is { } json ? BulkLine(json) : 0);
    }

    [Fact]
    public async Task RunBulkAsync_StoppedWhileOsviHangs_InFlightLineUnknownAndAuditedRestNotSent()
    {
        await using var host = DndHost.Start("admin", s_oneAtATime);
        var agent = await host.AgentAsync(DndHost.Reminders);
        var run = DndBulkInput.CreateRun(DndBulkInput.Parse(string.Join('\n', Enumerable.Range(20, 5).Select(i => $"98{i}540003")), "IN"), agent, DndBulkOperation.Add, null);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var hung = 0;
        run.Changed += () =>
        {
            if (run.Summary().Done == 2 && Interlocked.Exchange(ref hung, 1) == 0)
            {
                host.Admin.AddFaultAsync(new { kind = "timeout", method = "POST", route = "/v1/dnd_numbers", times = 1 }).GetAwaiter().GetResult();
            }
            else if (run.Lines[2].Outcome == DndLineOutcome.Sending)
            {
                stop.CancelAfter(TimeSpan.FromMilliseconds(300));
            }
        };

        await host.Dnd.RunBulkAsync(run, stop.Token);

        Assert.Equal([DndLineOutcome.Added, DndLineOutcome.Added, DndLineOutcome.Unknown, DndLineOutcome.NotSent, DndLineOutcome.NotSent], run.Lines.Select(line => line.Outcome));
        Assert.Equal(5, run.Summary().Total);
        Assert.Equal(3, await host.PostsAsync());
        var rows = await host.AuditRowsAsync();
        Assert.Equal(3, rows.Count);
        var cancelled = rows.Single(row => row.ErrorKind == "Cancelled");
        Assert.Equal((AuditResult.Failed, 3), (cancelled.Result, BulkLine(cancelled, run.Id)));
        Assert.Contains("may or may not", cancelled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunBulkAsync_RateLimited_ReportsTheLineAndWaitsBeforeTheNextWithoutResending()
    {
        await using var host = DndHost.Start("admin", s_oneAtATime);
        var agent = await host.AgentAsync(DndHost.Reminders);
        await host.Admin.AddFaultAsync(new { kind = "rate_limit", method = "POST", route = "/v1/dnd_numbers", times = 1, retry_after_seconds = 1 }, Ct);
        var run = DndBulkInput.CreateRun(DndBulkInput.Parse("98 3054 0005\n98 3154 0005\n98 3254 0005", "IN"), agent, DndBulkOperation.Add, null);
        var clock = Stopwatch.StartNew();

        await host.Dnd.RunBulkAsync(run, Ct);

        Assert.Equal([DndLineOutcome.Failed, DndLineOutcome.Added, DndLineOutcome.Added], run.Lines.Select(line => line.Outcome));
        Assert.StartsWith("OSVI answered HTTP 429", run.Lines[0].Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited {clock.Elapsed} for Retry-After");
        Assert.Equal(3, await host.PostsAsync());
        Assert.Equal(3, (await host.AuditRowsAsync()).Count);
    }

    [Fact]
    public async Task RunBulkAsync_Viewer_RefusesEveryLineWithOneAuditRowAndSendsNothing()
    {
        await using var host = DndHost.Start(role: "viewer");
        var agent = await host.AgentAsync(DndHost.Renewals);
        var run = DndBulkInput.CreateRun(DndBulkInput.Parse("98 1154 0001\nnot a number\n98 1254 0001", "IN"), agent, DndBulkOperation.Add, null);

        await host.Dnd.RunBulkAsync(run, Ct);

        Assert.Equal([DndLineOutcome.Refused, DndLineOutcome.Invalid, DndLineOutcome.Refused], run.Lines.Select(line => line.Outcome));
        Assert.Equal(0, await host.PostsAsync());
        var row = Assert.Single(await host.AuditRowsAsync());
        Assert.Equal((DndActions.BulkRefused, AuditResult.Refused), (row.Action, row.Result));
    }

    [Fact]
    public async Task RunBulkAsync_SameRunTwice_IsRefusedSoNothingIsSentTwice()
    {
        await using var host = DndHost.Start();
        var agent = await host.AgentAsync(DndHost.Renewals);
        var run = DndBulkInput.CreateRun(DndBulkInput.Parse("98 1154 0005", "IN"), agent, DndBulkOperation.Add, null);
        await host.Dnd.RunBulkAsync(run, Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Dnd.RunBulkAsync(run, Ct));

        Assert.Equal(1, await host.PostsAsync());
    }

    private static int BulkLine(AuditEntry row, string runId)
    {
        using var json = JsonDocument.Parse(row.ParametersJson!);
        Assert.Equal(runId, json.RootElement.GetProperty("bulk_run").GetString());
        return json.RootElement.GetProperty("bulk_line").GetInt32();
    }

    private static int BulkLine(string parametersJson)
    {
        using var json = JsonDocument.Parse(parametersJson);
        return json.RootElement.GetProperty("bulk_line").GetInt32();
    }
}
