using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Services.Campaigns.Uploads;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Integration;

/// <summary>Campaigns through the real host, the real OSVI client and the simulator in memory.</summary>
public sealed class CampaignsIntegrationTests
{
    private const string ContactsRoute = "/v1/campaigns/{id}/contacts";
    private const string StatusRoute = "/v1/campaigns/{id}/status";
    private const long Campaign = 11;   // "Post-visit Feedback", active

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendAsync_25000Contacts_GoOutAsThreeBatchesAndTheSimulatorQueuesThem()
    {
        await using var factory = new DashboardFactory();
        using var admin = SimulatorAdmin.For(factory);
        var agent = await admin.AgentIdAsync("Policy Renewals", Ct);
        await admin.ResetRequestsAsync(Ct);
        await using var scope = factory.CreateScopeAs(DashboardRoles.Operator);
        var uploads = scope.ServiceProvider.GetRequiredService<IContactUploadService>();
        var campaigns = scope.ServiceProvider.GetRequiredService<ICampaignsService>();
        var before = (await campaigns.GetStatusAsync(Campaign, Ct)).Value!;

        var report = await uploads.SendAsync(Request(agent, Contacts(25_000)), null, Ct);

        Assert.True(report.Succeeded, report.FirstProblem?.Error?.Message);
        Assert.Equal([10_000, 10_000, 5_000], report.Batches.Select(batch => batch.Accepted));
        Assert.Equal(25_000, report.Total(batch => batch.QueuedCalls));
        Assert.Equal(3, await admin.RequestCountAsync("POST", ContactsRoute, Ct));

        var after = (await campaigns.GetStatusAsync(Campaign, Ct)).Value!;
        var added = after.Uploads.Where(upload => report.Batches.Any(batch => batch.UploadId == upload.Id)).OrderBy(upload => upload.Id).ToList();
        Assert.Equal([10_000, 10_000, 5_000], added.Select(upload => upload.TotalQueued));
        Assert.All(added, upload => Assert.Equal(agent, Assert.Single(upload.Queues).AgentUuid));
        Assert.Equal(before.TotalCalls + 25_000, after.TotalCalls);
        Assert.InRange(after.Remaining, 24_990, 25_000);
        Assert.Equal(25_000, after.QueuedInOpenUploads);
    }

    [Fact]
    public async Task SendAsync_NumbersOnTheAgentsDndList_AreFlaggedBeforeAndReportedAsSkipped()
    {
        await using var factory = new DashboardFactory();
        using var admin = SimulatorAdmin.For(factory);
        var agent = await admin.AgentIdAsync("Policy Renewals", Ct);
        await admin.OsviAsync(HttpMethod.Post, "/v1/dnd_numbers", new { agent_uuid = agent, phone = "9812345001", reason = "test" }, Ct);
        await admin.OsviAsync(HttpMethod.Post, "/v1/dnd_numbers", new { agent_uuid = agent, phone = "+919812345003" }, Ct);
        await using var scope = factory.CreateScopeAs(DashboardRoles.Operator);
        var uploads = scope.ServiceProvider.GetRequiredService<IContactUploadService>();
        var dnd = (await uploads.GetDndNumbersAsync(agent, Ct)).Value!;
        var table = ContactTableReader.Read("phone,person_name\n9812345001,Asha\n9812345002,Ravi\n98123 45003,Anita\n9812345004,Kiran", "text", 100, out _)!;
        var check = ContactCheck.Run(table, ContactMapping.Suggest(table, "IN"), "IN", dnd);

        var report = await uploads.SendAsync(new UploadRequest(Campaign, agent, enqueue: true, check.VariableKeys, check.Batches(10_000, false)), null, Ct);

        Assert.Equal(2, check.OnDndList);
        var batch = Assert.Single(report.Batches);
        Assert.Equal((4, 2, 2), (batch.Received, batch.Accepted, batch.QueuedCalls));
        Assert.Equal([("+919812345001", "Asha"), ("+919812345003", "Anita")], batch.DndSkipped.Select(skipped => (skipped.Phone, skipped.PersonName)));

        using var http = factory.CreateClientAs(DashboardRoles.Operator);
        using var download = await http.GetAsync(new Uri(UploadCsv.DndSkippedUrl(report.Id), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        var csv = await download.Content.ReadAsStringAsync(Ct);
        Assert.Contains("+919812345001,Asha,1,", csv, StringComparison.Ordinal);
        Assert.Contains("+919812345003,Anita,1,", csv, StringComparison.Ordinal);
        using var missing = await http.GetAsync(new Uri(UploadCsv.DndSkippedUrl(Guid.NewGuid()), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        // The report belongs to its sender: another operator finds nothing, and nobody gets it without signing in.
        using var other = factory.CreateClientAs(DashboardRoles.Operator, "someone-else");
        using var othersDownload = await other.GetAsync(new Uri(UploadCsv.DndSkippedUrl(report.Id), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, othersDownload.StatusCode);
        using var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var anonymousDownload = await anonymous.GetAsync(new Uri(UploadCsv.DndSkippedUrl(report.Id), UriKind.Relative), Ct);
        Assert.NotEqual(HttpStatusCode.OK, anonymousDownload.StatusCode);
    }

    [Fact]
    public async Task SendAsync_FaultOnTheSecondBatch_IsReportedAndNeverResent()
    {
        await using var factory = new DashboardFactory();
        using var admin = SimulatorAdmin.For(factory);
        var agent = await admin.AgentIdAsync("Policy Renewals", Ct);
        await admin.ResetRequestsAsync(Ct);
        await using var scope = factory.CreateScopeAs(DashboardRoles.Operator);
        var uploads = scope.ServiceProvider.GetRequiredService<IContactUploadService>();
        var faulted = false;

        // The fault is put in place when batch 2 is about to go: exactly that request fails with a 500.
        var report = await uploads.SendAsync(Request(agent, Contacts(25_000)), async progress =>
        {
            if (!faulted && progress.Batches[1].State == BatchState.Sending)
            {
                faulted = true;
                await admin.AddFaultAsync(new { kind = "error", method = "POST", route = ContactsRoute, times = 1 }, Ct);
            }
        }, Ct);

        Assert.Equal([BatchState.Sent, BatchState.Failed, BatchState.NotSent], report.Batches.Select(batch => batch.State));
        Assert.Equal(Osvi.Client.OsviErrorKind.ServerError, report.Batches[1].Error!.Kind);
        Assert.Equal(15_000, report.ContactsNotSent);
        // Two requests reached OSVI: batch 1, and batch 2 once. Nothing was retried or sent after the failure.
        Assert.Equal(2, await admin.RequestCountAsync("POST", ContactsRoute, Ct));
        var status = (await scope.ServiceProvider.GetRequiredService<ICampaignsService>().GetStatusAsync(Campaign, Ct)).Value!;
        Assert.Equal(10_000, Assert.Single(status.Uploads, upload => upload.Id == report.Batches[0].UploadId).TotalQueued);
        Assert.DoesNotContain(status.Uploads, upload => upload.Id > report.Batches[0].UploadId);
    }

    [Fact]
    public async Task SendAsync_ViewerThroughTheRealHost_IsRefusedAndNothingReachesOsvi()
    {
        await using var factory = new DashboardFactory();
        using var admin = SimulatorAdmin.For(factory);
        var agent = await admin.AgentIdAsync("Policy Renewals", Ct);
        await using var scope = factory.CreateScopeAs(DashboardRoles.Viewer);

        var report = await scope.ServiceProvider.GetRequiredService<IContactUploadService>().SendAsync(Request(agent, Contacts(3)), null, Ct);
        var watch = await scope.ServiceProvider.GetRequiredService<IWatchedCampaignsService>().WatchAsync(7, null, Ct);

        Assert.Equal(BatchState.Refused, report.Batches[0].State);
        Assert.NotNull(watch.Refusal);
        Assert.Equal(0, await admin.RequestCountAsync("POST", ContactsRoute, Ct));
        Assert.Contains(factory.Logs.Messages(Serilog.Events.LogEventLevel.Warning), message => message.Contains("campaign.contacts.upload", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CampaignStatusFeed_ManyWatchers_OneStatusRequestAndPaceFromTheSimulator()
    {
        await using var factory = new DashboardFactory();
        factory.WithSetting(DashboardConfigNames.LiveIntervals + ":CampaignStatus", "00:00:30");
        _ = factory.Services;
        var live = factory.Services.GetRequiredService<ILiveData>();

        var watchers = Enumerable.Range(0, 50).Select(_ => live.Subscribe(new CampaignStatusKey(7), _ => Task.CompletedTask)).ToList();
        await Eventually.TrueAsync(() => watchers.All(watcher => watcher.Current.HasValue), "every watcher got the campaign", 30_000);

        Assert.Equal(1, factory.UpstreamRequests.Count("/v1/campaigns/7/status"));
        var progress = watchers[0].Current.Value!;
        Assert.Equal("June Renewals", progress.Status.Name);
        Assert.Equal(EtaState.Estimating, progress.Eta.State);
        watchers.ForEach(watcher => watcher.Dispose());
    }

    [Fact]
    public async Task CampaignStatusFeed_OsviDownThenBack_BreakerStopsTheRequestsTheLastNumbersStayTheFeedRecoversAndStopsWithItsLastWatcher()
    {
        await using var factory = new DashboardFactory();
        factory.WithSetting(DashboardConfigNames.LiveIntervals + ":CampaignStatus", "00:00:01")
            .WithSetting("OsviApi:CircuitBreakerMinimumThroughput", "4")
            .WithSetting("OsviApi:CircuitBreakerBreakDuration", "00:00:08")
            .WithSetting("OsviApi:RetryBaseDelay", "00:00:00.05");
        using var admin = SimulatorAdmin.For(factory);
        var live = factory.Services.GetRequiredService<ILiveData>();
        using var watcher = live.Subscribe(new CampaignStatusKey(7), _ => Task.CompletedTask);
        await Eventually.TrueAsync(() => watcher.Current.HasValue, "the first status", 30_000);
        var lastGood = watcher.Current.UpdatedAt;

        // OSVI goes down: every status request answers 500.
        var fault = await admin.AddFaultAsync(new { kind = "error", method = "GET", route = StatusRoute }, Ct);
        await Eventually.TrueAsync(() => watcher.Current.Error?.Message.Contains("paused", StringComparison.Ordinal) == true, "the circuit breaker opened", 30_000);

        // While the breaker is open nothing reaches OSVI: the feed waits for the time the breaker says it stays open
        // (instead of polling into it every interval) and comes back when it lets a request through.
        var requestsWhileOpen = await admin.RequestCountAsync("GET", StatusRoute, Ct);
        var paused = watcher.Current;
        var pausedFor = paused.Error!.RetryAfter ?? TimeSpan.Zero;
        Assert.InRange(pausedFor, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(8));
        var quiet = pausedFor - TimeSpan.FromSeconds(0.5);
        await Task.Delay(quiet > TimeSpan.Zero ? quiet : TimeSpan.Zero, Ct);
        Assert.Equal(requestsWhileOpen, await admin.RequestCountAsync("GET", StatusRoute, Ct));
        // The last good numbers stay, marked with the error: the wallboard shows them as stale, not as an error.
        Assert.True(watcher.Current.HasValue);
        Assert.Equal(lastGood, watcher.Current.UpdatedAt);
        Assert.Equal(Osvi.Client.OsviErrorKind.Unreachable, watcher.Current.Error!.Kind);

        // OSVI is back: the feed recovers on its own once the breaker lets a request through.
        await admin.RemoveFaultAsync(fault, Ct);
        await Eventually.TrueAsync(() => watcher.Current.Error is null && watcher.Current.UpdatedAt > lastGood, "the feed recovered", 30_000);
        Assert.True(await admin.RequestCountAsync("GET", StatusRoute, Ct) > requestsWhileOpen);

        // Nobody watches any more: nothing is polled (three intervals go by without a request).
        watcher.Dispose();
        await Task.Delay(TimeSpan.FromSeconds(0.5), Ct);   // a poll already under way may still finish
        var afterLastWatcher = await admin.RequestCountAsync("GET", StatusRoute, Ct);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        Assert.Equal(afterLastWatcher, await admin.RequestCountAsync("GET", StatusRoute, Ct));
    }

    private static UploadRequest Request(string agent, string text)
    {
        var table = ContactTableReader.Read(text, "text", 100_000, out _)!;
        var check = ContactCheck.Run(table, ContactMapping.Suggest(table, "IN"), "IN", null);
        return new UploadRequest(Campaign, agent, enqueue: true, check.VariableKeys, check.Batches(10_000, leaveOutInvalid: false));
    }

    private static string Contacts(int count) =>
        "phone,person_name,plan\n" + string.Join("\n", Enumerable.Range(0, count).Select(i => $"97{i:00000000},Person {i},Gold"));
}
