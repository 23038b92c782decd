using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Components.Pages;
using Osvi.Dashboard.Components.Shell;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Services.Connection;
using Osvi.Dashboard.Services.Overview;
using Osvi.Dashboard.Testing.Fakes;
using CallDetailPage = Osvi.Dashboard.Components.Pages.CallDetail;
using CampaignsPage = Osvi.Dashboard.Components.Pages.Campaigns;
using MonitorPage = Osvi.Dashboard.Components.Pages.Monitor;

namespace Osvi.Dashboard.Components.Tests.Pages;

/// <summary>Every page's "updated"/"checked" label reads in the viewer's zone, with the zone in its tooltip. The viewer
/// is in New York and the dashboard in Asia/Kolkata: the clock's start (06:30 UTC) is 02:30 for the viewer, 12:00 for
/// the dashboard and 06:30 in UTC, so a label in any other zone fails.</summary>
public sealed class ViewerZoneLabelTests : CampaignsTestContext
{
    private const string ViewerZoneId = "America/New_York";
    private const string ViewerTime = "02:30:00";
    private const string CallId = "a1b2c3d4-5e6f-7a8b-9c0d-1e2f3a4b5c6d";
    private static readonly OsviError s_unreachable = new(OsviErrorKind.Unreachable, null, "OSVI could not be reached", []);
    private readonly FakeCallsService _calls;

    public ViewerZoneLabelTests()
    {
        _calls = CallsPageSetup.Setup(this);
        Services.AddScoped<IViewerTimeZone>(_ => new FakeViewerTimeZone(ViewerZoneId));
    }

    [Fact]
    public async Task Overview_Updated_InTheViewersZone()
    {
        var cut = Render<Overview>();

        await Live.PublishValueAsync(CallsTodayKey.Instance, OverviewFixtures.Counts());

        cut.WaitForAssertion(() => AssertUpdatedLabel(cut.Find("#last-updated"), $"Updated {ViewerTime}"));
    }

    [Fact]
    public async Task Agents_UpdatedAndStaleRowNumbers_InTheViewersZone()
    {
        var cut = Render<Agents>();
        await PublishAgentsAsync();
        await Live.PublishValueAsync(new AgentCallsTodayKey(RenewalsAgent), OverviewFixtures.Counts());
        Time.Advance(TimeSpan.FromSeconds(10));

        await Live.PublishErrorAsync(new AgentCallsTodayKey(RenewalsAgent), s_unreachable);

        cut.WaitForAssertion(() => Assert.Contains($"numbers from {ViewerTime}.", Text(cut.Find($"[data-agent-id='{RenewalsAgent}'] .osvi-row-error")), StringComparison.Ordinal));
        AssertUpdatedLabel(cut.Find("#last-updated"), $"Updated {ViewerTime}");
        AssertTimeTitleNamesTheZone(cut.Find($"[data-agent-id='{RenewalsAgent}'] .osvi-row-error time"));
    }

    [Fact]
    public async Task Campaigns_StaleRowNumbers_InTheViewersZone()
    {
        Overview.Watched.Add(new WatchedCampaignView(7, null, "asha", Start));
        var cut = Render<CampaignsPage>();
        await PublishCampaignAsync(CampaignFixtures.Progress(CampaignFixtures.View()));
        Time.Advance(TimeSpan.FromSeconds(10));

        await Live.PublishErrorAsync(new CampaignStatusKey(7), s_unreachable);

        cut.WaitForAssertion(() => Assert.Contains($"numbers from {ViewerTime}", Text(cut.Find("tr[data-campaign-id='7'] .osvi-row-stale")), StringComparison.Ordinal));
        AssertTimeTitleNamesTheZone(cut.Find("tr[data-campaign-id='7'] .osvi-row-stale time"));
    }

    [Fact]
    public async Task CampaignDetail_Updated_InTheViewersZone()
    {
        var cut = Render<CampaignDetail>(parameters => parameters.Add(page => page.CampaignId, 7));

        await PublishCampaignAsync(CampaignFixtures.Progress(CampaignFixtures.View()));

        cut.WaitForAssertion(() => AssertUpdatedLabel(cut.Find("#last-updated"), $"Updated {ViewerTime}"));
    }

    [Fact]
    public async Task Wallboard_ClockUpdatedAndStaleText_InTheViewersZone()
    {
        Overview.Watched.Add(new WatchedCampaignView(7, null, "asha", Start));
        var cut = Render<MonitorPage>();
        await PublishCampaignAsync(CampaignFixtures.Progress(CampaignFixtures.View()));
        cut.WaitForAssertion(() => AssertUpdatedLabel(cut.Find("#wall-updated"), $"Updated {ViewerTime}"));
        Assert.Equal("02:30", cut.Find(".osvi-wall-clock").TextContent);
        Assert.Contains(ViewerZoneId, cut.Find(".osvi-wall-sub").TextContent, StringComparison.Ordinal);

        Time.Advance(TimeSpan.FromSeconds(65));
        await Live.PublishErrorAsync(new CampaignStatusKey(7), s_unreachable);

        cut.WaitForAssertion(() => Assert.Contains($"OSVI has not answered since {ViewerTime}", Text(cut.Find("#wall-stale")), StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallDetail_LiveUpdated_InTheViewersZone()
    {
        var inProgress = new CallDetailView(FakeCallsService.Call(1, CallStatus.InProgress) with { CallId = CallId, PickedAt = null, DurationSeconds = 0, EndedBy = null, EndedReason = null, Tag = null });
        _calls.Details[CallId] = ServiceResult<CallDetailView>.Success(inProgress);
        var cut = Render<CallDetailPage>(parameters => parameters.Add(page => page.CallId, CallId));

        await Live.PublishValueAsync(new CallDetailKey(CallId), inProgress);

        cut.WaitForAssertion(() => AssertUpdatedLabel(cut.Find("#call-updated"), $"Updated {ViewerTime}"));
    }

    [Fact]
    public async Task ConnectionIndicator_CheckedTime_InTheViewersZoneAndNamesIt()
    {
        var cut = Render<ConnectionIndicator>();

        await Live.PublishValueAsync(OsviConnectionKey.Instance, new OsviConnection(ConnectionState.Reachable, TimeSpan.FromMilliseconds(80), null));

        cut.WaitForAssertion(() => Assert.Contains($"(checked {ViewerTime} {ViewerZoneId})", cut.Find("#osvi-connection").GetAttribute("data-osvi-tip"), StringComparison.Ordinal));
    }

    private static void AssertUpdatedLabel(AngleSharp.Dom.IElement label, string expected)
    {
        Assert.Equal(expected, Text(label));
        Assert.Equal($"Times in {ViewerZoneId}, your browser's time zone", label.GetAttribute("title"));
    }

    private static void AssertTimeTitleNamesTheZone(AngleSharp.Dom.IElement time) =>
        Assert.Contains($"({ViewerZoneId})", time.GetAttribute("title"), StringComparison.Ordinal);

    private static string Text(AngleSharp.Dom.IElement element) =>
        string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
