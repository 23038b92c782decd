using Bunit;
using Osvi.Client;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Services.Overview;
using Osvi.Dashboard.Testing.Fakes;
using CampaignsPage = Osvi.Dashboard.Components.Pages.Campaigns;

namespace Osvi.Dashboard.Components.Tests.Campaigns;

/// <summary>The watched-campaigns list: add by id (a wrong id said on the field), suggestions from recent calls, live
/// rows, and what a viewer may not do.</summary>
public sealed class CampaignsListTests : CampaignsTestContext
{
    [Fact]
    public async Task Watch_IdOsviDoesNotKnow_SaysSoOnTheFieldAndKeepsWhatWasTyped()
    {
        Watched.NextWatch = (id, _) => ServiceResult<WatchOutcome>.Failed(new OsviError(OsviErrorKind.NotFound, 404, "Not found", []));
        var cut = Render<CampaignsPage>();

        cut.WaitForElement("#watch-campaign-id").Input("99");
        await cut.InvokeAsync(() => cut.Find("#watch-form form").Submit());

        cut.WaitForAssertion(() => Assert.Contains("OSVI has no campaign 99 on this account", cut.Find("#watch-form").TextContent, StringComparison.Ordinal));
        Assert.Equal("99", cut.Find("#watch-campaign-id").GetAttribute("value"));
        Assert.Equal(["watch 99"], Watched.Calls);
        Assert.Empty(Watched.Watched);
    }

    [Fact]
    public async Task Watch_NotANumber_IsRefusedBeforeAskingOsvi()
    {
        var cut = Render<CampaignsPage>();

        cut.WaitForElement("#watch-campaign-id").Input("june");
        await cut.InvokeAsync(() => cut.Find("#watch-form form").Submit());

        cut.WaitForAssertion(() => Assert.Contains("Enter the campaign's number as OSVI shows it", cut.Find("#watch-form").TextContent, StringComparison.Ordinal));
        Assert.Empty(Watched.Calls);
    }

    [Fact]
    public async Task Watch_SuggestionFromRecentCalls_AddsItAndShowsItsLiveRow()
    {
        CampaignsService.Suggestions.Add(new CampaignSuggestion(7, 12, Start));
        var cut = Render<CampaignsPage>();

        await ClickAsync(cut, "[data-suggestion='7']");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#watched-campaigns-table tbody tr[data-campaign-id='7']")));
        Assert.Equal(["watch 7"], Watched.Calls);
        Assert.Equal(1, Live.SubscriberCount(new CampaignStatusKey(7)));
        // Once watched, it is no longer offered.
        Assert.Empty(cut.FindAll("[data-suggestion='7']"));

        await PublishCampaignAsync(CampaignFixtures.Progress(CampaignFixtures.View(picked: 60, notPicked: 20, failed: 10, inProgress: 30), callsPerHour: 120,
            alert: AlertLevel.Alert, share: 0.6));
        cut.WaitForAssertion(() => Assert.Equal("June Renewals", cut.Find("tr[data-campaign-id='7'] .osvi-campaign-name").TextContent));
        Assert.Equal("alert", cut.Find("tr[data-campaign-id='7'] [data-alert-level]").GetAttribute("data-alert-level"));
        Assert.Contains("120 calls/h", cut.Find("tr[data-campaign-id='7']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Viewer_SeesTheListButNoWatchFormRenameOrRemove()
    {
        UseRole(DashboardRoles.Viewer);
        Overview.Watched.Add(new WatchedCampaignView(7, "Renewals", "asha", Start));
        var cut = Render<CampaignsPage>();

        await PublishCampaignAsync(CampaignFixtures.Progress(CampaignFixtures.View()));

        cut.WaitForAssertion(() => Assert.Equal("Renewals", cut.Find("tr[data-campaign-id='7'] .osvi-campaign-name").TextContent));
        Assert.Empty(cut.FindAll("#watch-form"));
        Assert.Empty(cut.FindAll("[data-unwatch]"));
        Assert.Empty(cut.FindAll("a[href='campaigns/7/upload']"));
    }

    [Fact]
    public async Task Publish_UnknownCampaign_RowSaysOsviHasNoSuchCampaign()
    {
        Overview.Watched.Add(new WatchedCampaignView(99, null, "asha", Start));
        var cut = Render<CampaignsPage>();

        await Live.PublishErrorAsync(new CampaignStatusKey(99), new OsviError(OsviErrorKind.NotFound, 404, "Not found", []));

        cut.WaitForAssertion(() => Assert.Contains("OSVI has no campaign 99 on this account", cut.Find("tr[data-campaign-id='99']").TextContent, StringComparison.Ordinal));
    }
}
