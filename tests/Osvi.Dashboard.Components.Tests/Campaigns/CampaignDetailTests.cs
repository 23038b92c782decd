using Bunit;
using Osvi.Client;
using Osvi.Dashboard.Components.Pages;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Services.Overview;
using Osvi.Dashboard.Testing.Fakes;

namespace Osvi.Dashboard.Components.Tests.Campaigns;

public sealed class CampaignDetailTests : CampaignsTestContext
{
    private static readonly CampaignStatusView s_status = CampaignFixtures.View(picked: 88, notPicked: 25, failed: 7, busy: 4, voicemail: 6, inProgress: 30,
        uploads: [CampaignFixtures.Upload(20, 60, completed: false), CampaignFixtures.Upload(19, 300, completed: true)]);

    [Fact]
    public async Task Publish_Progress_ShowsTotalsPickupPaceEtaProgressAndOutcomes()
    {
        var cut = Render<CampaignDetail>(parameters => parameters.Add(page => page.CampaignId, 7));
        Assert.Contains("Reading the campaign's status from OSVI", cut.Markup, StringComparison.Ordinal);

        await PublishCampaignAsync(CampaignFixtures.Progress(s_status, callsPerHour: 120));

        cut.WaitForAssertion(() => Assert.Equal("June Renewals", cut.Find("h1").TextContent));
        Assert.Equal("160", cut.Find("#stat-total .osvi-stat-value").TextContent);
        Assert.Equal("30 queued or under way", cut.Find("#stat-total .osvi-stat-caption").TextContent);
        Assert.Equal("68%", cut.Find("#stat-pickup .osvi-stat-value").TextContent);
        Assert.Equal("88 answered of 130 finished", cut.Find("#stat-pickup .osvi-stat-caption").TextContent);
        Assert.Equal("120 calls/h", cut.Find("#stat-pace .osvi-stat-value").TextContent);
        Assert.Equal("15 min", cut.Find("#stat-eta .osvi-stat-value").TextContent);
        Assert.Equal("30 calls left · around 12:15", cut.Find("#stat-eta .osvi-stat-caption").TextContent);
        // Progress of the open queue: 60 queued, 30 still to go.
        Assert.Equal("0.5", cut.Find("#campaign-progress .osvi-progress").GetAttribute("data-progress"));
        Assert.Contains("30 of 60 queued contacts dialled", cut.Find("#campaign-progress").TextContent, StringComparison.Ordinal);
        Assert.Equal("25", cut.Find("#campaign-outcomes-table tr[data-status=not_picked] td[data-count]").TextContent);
        Assert.Equal("calls?campaign_id=7&status=failed", cut.Find("#campaign-outcomes-table tr[data-status=failed] a").GetAttribute("href"));
        Assert.NotEmpty(cut.FindAll("#campaign-outcomes svg"));
        Assert.Contains("Answered 88", cut.Find("#campaign-outcomes .osvi-status-chart").GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal(["false", "true"], cut.FindAll("#campaign-uploads tbody tr").Select(row => row.GetAttribute("data-complete")));
        Assert.Contains("Up to 2 more attempts, 30 min apart", cut.Find("#campaign-settings").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".osvi-failure-alert"));
    }

    [Theory]
    [InlineData(EtaState.Estimating, "Estimating…")]
    [InlineData(EtaState.Paused, "Paused")]
    [InlineData(EtaState.Stalled, "Stalled")]
    [InlineData(EtaState.Done, "Done")]
    public async Task Publish_NoKnownEta_SaysWhy(EtaState state, string expected)
    {
        var cut = Render<CampaignDetail>(parameters => parameters.Add(page => page.CampaignId, 7));

        await PublishCampaignAsync(CampaignFixtures.Progress(s_status, callsPerHour: state == EtaState.Estimating ? null : 0, eta: state));

        cut.WaitForAssertion(() => Assert.Equal(expected, cut.Find("#stat-eta .osvi-stat-value").TextContent));
    }

    [Fact]
    public async Task Publish_FailureSpike_ShowsTheAlertWithTheShareAndThreshold()
    {
        var cut = Render<CampaignDetail>(parameters => parameters.Add(page => page.CampaignId, 7));

        await PublishCampaignAsync(CampaignFixtures.Progress(s_status, alert: AlertLevel.Alert, share: 0.62, recentCalls: 50));

        cut.WaitForAssertion(() => Assert.Equal("alert", cut.Find(".osvi-failure-alert").GetAttribute("data-alert-level")));
        Assert.Contains("Failure spike: 62% of recent calls failed or were not answered", cut.Find(".osvi-failure-alert").TextContent, StringComparison.Ordinal);
        Assert.Contains("31 of the last 50 calls", cut.Find(".osvi-failure-alert").TextContent, StringComparison.Ordinal);
        Assert.Contains("the alert is raised at 50%", cut.Find(".osvi-failure-alert").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_UnknownCampaign_SaysOsviHasNoSuchCampaignAndOffersNoUpload()
    {
        var cut = Render<CampaignDetail>(parameters => parameters.Add(page => page.CampaignId, 99));

        await Live.PublishErrorAsync(new CampaignStatusKey(99), new OsviError(OsviErrorKind.NotFound, 404, "Not found", []));

        cut.WaitForAssertion(() => Assert.Contains("OSVI has no campaign 99 on this account", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("Could not read campaign 99: Not found at OSVI", cut.Find(".osvi-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#upload-contacts"));
        Assert.Empty(cut.FindAll("#watch-campaign"));
    }

    [Fact]
    public async Task Watch_CampaignNotOnTheList_AddsItThroughTheService()
    {
        var cut = Render<CampaignDetail>(parameters => parameters.Add(page => page.CampaignId, 7));
        await PublishCampaignAsync(CampaignFixtures.Progress(s_status));

        await ClickAsync(cut, "#watch-campaign");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#watch-campaign")));
        Assert.Equal(["watch 7"], Watched.Calls);
        Assert.Contains("watched", cut.Find(".osvi-page-heading").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Viewer_SeesTheCampaignButNoUploadOrWatch()
    {
        UseRole(DashboardRoles.Viewer);
        var cut = Render<CampaignDetail>(parameters => parameters.Add(page => page.CampaignId, 7));

        await PublishCampaignAsync(CampaignFixtures.Progress(s_status));

        cut.WaitForAssertion(() => Assert.Equal("June Renewals", cut.Find("h1").TextContent));
        Assert.Empty(cut.FindAll("#upload-contacts"));
        Assert.Empty(cut.FindAll("#watch-campaign"));
    }

    [Fact]
    public async Task SetParameters_AnotherCampaign_FollowsItAndStopsWatchingTheFirst()
    {
        Watched.Watched.Add(new WatchedCampaignView(8, "Clinic", "asha", Start));
        var cut = Render<CampaignDetail>(parameters => parameters.Add(page => page.CampaignId, 7));
        Assert.Equal(1, Live.SubscriberCount(new CampaignStatusKey(7)));

        cut.Render(parameters => parameters.Add(page => page.CampaignId, 8));
        await PublishCampaignAsync(CampaignFixtures.Progress(CampaignFixtures.View(id: 8, name: "Clinic Appointment Reminders")));

        cut.WaitForAssertion(() => Assert.Equal("Clinic", cut.Find("h1").TextContent));
        Assert.Equal(0, Live.SubscriberCount(new CampaignStatusKey(7)));
        Assert.Equal(1, Live.SubscriberCount(new CampaignStatusKey(8)));
        await cut.Instance.DisposeAsync();
        Assert.Equal(0, Live.SubscriberCount(new CampaignStatusKey(8)));
    }
}
