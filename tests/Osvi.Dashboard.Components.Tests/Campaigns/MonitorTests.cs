using Bunit;
using Osvi.Client;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Services.Overview;
using Osvi.Dashboard.Testing.Fakes;
using MonitorPage = Osvi.Dashboard.Components.Pages.Monitor;

namespace Osvi.Dashboard.Components.Tests.Campaigns;

/// <summary>The wallboard: tiles, today's totals, the last good update, the stale warning and rotation, on a fake clock.</summary>
public sealed class MonitorTests : CampaignsTestContext
{
    private static readonly OsviError s_unreachable = new(OsviErrorKind.Unreachable, null, "OSVI could not be reached", []);

    [Fact]
    public async Task Publish_WatchedCampaigns_ShowsATilePerCampaignWithItsFigures()
    {
        Watch(7, 9);
        var cut = Render<MonitorPage>();

        await PublishCampaignAsync(CampaignFixtures.Progress(CampaignFixtures.View(picked: 60, notPicked: 20, failed: 10, inProgress: 30,
            uploads: CampaignFixtures.Upload(20, 60, false)), callsPerHour: 1200, alert: AlertLevel.Warning, share: 0.4));
        await PublishCampaignAsync(CampaignFixtures.Progress(CampaignFixtures.View(id: 9, name: "Premium Leads Q2", status: "inactive", inProgress: 30,
            uploads: CampaignFixtures.Upload(21, 30, false)), callsPerHour: 0, eta: EtaState.Paused));
        await Live.PublishValueAsync(CallsTodayKey.Instance, OverviewFixtures.Counts());

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".osvi-tile").Count));
        var june = cut.Find(".osvi-tile[data-campaign-id='7']");
        Assert.Equal("June Renewals", june.QuerySelector(".osvi-tile-name")!.TextContent);
        Assert.Equal("warning", june.GetAttribute("data-alert-level"));
        Assert.Contains("osvi-tile--warn", june.ClassName, StringComparison.Ordinal);
        Assert.Equal("67%", june.QuerySelector("[data-figure=pickup]")!.TextContent);
        Assert.Equal("1,200/h", june.QuerySelector("[data-figure=pace]")!.TextContent);
        Assert.Equal("2m", june.QuerySelector("[data-figure=eta]")!.TextContent);
        Assert.Equal("20", june.QuerySelector("[data-status=not_picked] [data-count]")!.TextContent);
        Assert.Contains("40% failed or not answered · alert at 50%", june.QuerySelector(".osvi-tile-alert")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Paused", cut.Find(".osvi-tile[data-campaign-id='9'] [data-figure=eta]").TextContent);
        Assert.Equal("133", cut.Find("[data-total=calls]").TextContent);
        Assert.Equal("Updated 12:00:00", cut.Find("#wall-updated").TextContent.Trim());
        Assert.Empty(cut.FindAll("#wall-stale"));
        Assert.Empty(cut.FindAll("button, input, select, textarea"));
    }

    [Fact]
    public async Task Tick_OsviSilentLongerThanStaleAfter_ShowsTheStaleWarning()
    {
        Watch(7);
        var cut = Render<MonitorPage>();
        await PublishCampaignAsync(CampaignFixtures.Progress(CampaignFixtures.View()));
        await Live.PublishValueAsync(CallsTodayKey.Instance, OverviewFixtures.Counts());

        // A failed poll soon after: still fresh enough, but the board says it is retrying.
        Time.Advance(TimeSpan.FromSeconds(10));
        await Live.PublishErrorAsync(new CampaignStatusKey(7), s_unreachable);
        cut.WaitForAssertion(() => Assert.Contains("The last update from OSVI failed; retrying. Numbers are from 12:00:00.", cut.Find("#wall-retrying").TextContent, StringComparison.Ordinal));
        Assert.Equal("false", cut.Find(".osvi-wall").GetAttribute("data-stale"));

        // No answer for more than a minute: the timer alone turns the board stale, even without another update.
        Time.Advance(TimeSpan.FromSeconds(55));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".osvi-wall").GetAttribute("data-stale")));
        Assert.Contains("OSVI has not answered since 12:00:00 (1 min ago). These numbers are out of date.", cut.Find("#wall-stale").TextContent, StringComparison.Ordinal);
        Assert.Contains("osvi-wall-updated--stale", cut.Find("#wall-updated").ClassName, StringComparison.Ordinal);
        Assert.Equal("June Renewals", cut.Find(".osvi-tile-name").TextContent);

        // OSVI answers again.
        await PublishCampaignAsync(CampaignFixtures.Progress(CampaignFixtures.View()));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#wall-stale")));
    }

    [Fact]
    public async Task Publish_NoDataAndOsviUnreachable_IsStaleAtOnce()
    {
        Watch(7);
        var cut = Render<MonitorPage>();

        await Live.PublishErrorAsync(new CampaignStatusKey(7), s_unreachable);

        cut.WaitForAssertion(() => Assert.Contains("OSVI has not answered since the wallboard opened", cut.Find("#wall-stale").TextContent, StringComparison.Ordinal));
        Assert.Contains("OSVI could not be reached", cut.Find(".osvi-tile-waiting").TextContent, StringComparison.Ordinal);
    }

    public static TheoryData<OsviError, string> StaleCauses => new()
    {
        { s_unreachable, "OSVI has not answered since 12:00:00 (1 min ago). These numbers are out of date." },
        { new OsviError(OsviErrorKind.ServerError, 500, "OSVI had an internal error (HTTP 500); try again later.", []),
            "OSVI has not answered since 12:00:00 (1 min ago). These numbers are out of date." },
        // Published at 12:01:05; the store asks again after the Retry-After.
        { new OsviError(OsviErrorKind.RateLimited, 429, "Too many requests", [], TimeSpan.FromSeconds(30)),
            "OSVI is rate-limiting the dashboard; next try at 12:01:35. These numbers are from 12:00:00 (1 min ago)." },
        { new OsviError(OsviErrorKind.RateLimited, 429, "Too many requests", []),
            "OSVI is rate-limiting the dashboard; it tries again shortly. These numbers are from 12:00:00 (1 min ago)." },
        { new OsviError(OsviErrorKind.Unauthorized, 401, "Invalid API token", []),
            "OSVI rejected the API token — an admin must update it. These numbers are from 12:00:00 (1 min ago)." },
    };

    [Theory]
    [MemberData(nameof(StaleCauses))]
    public async Task Publish_StaleForEachCause_SaysTheCauseInTheStaleBannerNotAnErrorBar(OsviError error, string expected)
    {
        Watch(7);
        var cut = Render<MonitorPage>();
        await PublishCampaignAsync(CampaignFixtures.Progress(CampaignFixtures.View()));
        await Live.PublishValueAsync(CallsTodayKey.Instance, OverviewFixtures.Counts());

        Time.Advance(TimeSpan.FromSeconds(65));
        await Live.PublishErrorAsync(new CampaignStatusKey(7), error);
        await Live.PublishErrorAsync(CallsTodayKey.Instance, error);

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".osvi-wall").GetAttribute("data-stale")));
        Assert.Equal($"STALE {expected}", Normalize(cut.Find("#wall-stale").TextContent));
        Assert.Empty(cut.FindAll(".mud-alert, .osvi-error-alert"));
        Assert.Equal("June Renewals", cut.Find(".osvi-tile-name").TextContent);
    }

    [Fact]
    public async Task Publish_TokenRejectedAndRateLimitedFeeds_TheTokenWinsBecauseOnlyAPersonCanFixIt()
    {
        Watch(7);
        var cut = Render<MonitorPage>();

        await Live.PublishErrorAsync(new CampaignStatusKey(7), new OsviError(OsviErrorKind.RateLimited, 429, "Too many requests", [], TimeSpan.FromSeconds(5)));
        await Live.PublishErrorAsync(CallsTodayKey.Instance, new OsviError(OsviErrorKind.Unauthorized, 401, "Invalid API token", []));

        cut.WaitForAssertion(() => Assert.Equal(
            "STALE OSVI rejected the API token — an admin must update it. There are no numbers to show yet.",
            Normalize(cut.Find("#wall-stale").TextContent)));
    }

    [Fact]
    public async Task Publish_RateLimitedBeforeAnyNumbers_SaysWhenItTriesAgain()
    {
        Watch(7);
        var cut = Render<MonitorPage>();

        await Live.PublishErrorAsync(new CampaignStatusKey(7), new OsviError(OsviErrorKind.RateLimited, null, "Paused", [], TimeSpan.FromSeconds(12)));

        cut.WaitForAssertion(() => Assert.Equal(
            "STALE OSVI is rate-limiting the dashboard; next try at 12:00:12. There are no numbers to show yet.",
            Normalize(cut.Find("#wall-stale").TextContent)));
    }

    [Fact]
    public async Task Publish_OneCampaignUnknownToOsvi_IsAnAnswerNotStaleness()
    {
        Watch(7, 99);
        var cut = Render<MonitorPage>();

        await PublishCampaignAsync(CampaignFixtures.Progress(CampaignFixtures.View()));
        await Live.PublishErrorAsync(new CampaignStatusKey(99), new OsviError(OsviErrorKind.NotFound, 404, "Not found", []));

        cut.WaitForAssertion(() => Assert.Contains("OSVI has no campaign 99 on this account", cut.Find(".osvi-tile[data-campaign-id='99']").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("#wall-stale"));
        Assert.Empty(cut.FindAll("#wall-retrying"));
    }

    [Fact]
    public void Tick_MoreCampaignsThanFit_RotatesThroughPagesOnItsOwn()
    {
        ConfigureCampaigns = options => (options.WallboardTilesPerPage, options.WallboardRotation) = (6, TimeSpan.FromSeconds(15));
        Watch(1, 2, 3, 4, 5, 6, 7, 8);
        var cut = Render<MonitorPage>();
        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll(".osvi-tile").Count));
        Assert.Equal(("1", "2"), (cut.Find(".osvi-wall").GetAttribute("data-page"), cut.Find(".osvi-wall").GetAttribute("data-pages")));
        Assert.Contains("grid-template-columns: repeat(3, minmax(0, 1fr)); grid-template-rows: repeat(2, minmax(0, 1fr));", cut.Find("#wall-tiles").GetAttribute("style"), StringComparison.Ordinal);

        Time.Advance(TimeSpan.FromSeconds(15));
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find(".osvi-wall").GetAttribute("data-page")));
        Assert.Equal(["7", "8"], cut.FindAll(".osvi-tile").Select(tile => tile.GetAttribute("data-campaign-id")));

        Time.Advance(TimeSpan.FromSeconds(15));
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find(".osvi-wall").GetAttribute("data-page")));
        // Every campaign keeps its feed while its page is not shown, so a page turn shows numbers at once.
        Assert.All(Enumerable.Range(1, 8), id => Assert.Equal(1, Live.SubscriberCount(new CampaignStatusKey(id))));
    }

    [Fact]
    public void Render_NothingWatched_SaysHowCampaignsGetHere()
    {
        var cut = Render<MonitorPage>();

        cut.WaitForAssertion(() => Assert.Contains("No campaigns are watched yet", cut.Find("#wall-empty").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispose_Page_EndsEverySubscription()
    {
        Watch(7, 8);
        var cut = Render<MonitorPage>();

        await cut.Instance.DisposeAsync();

        Assert.Equal(0, Live.SubscriberCount(new CampaignStatusKey(7)));
        Assert.Equal(0, Live.SubscriberCount(CallsTodayKey.Instance));
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private void Watch(params long[] ids)
    {
        foreach (var id in ids)
        {
            Overview.Watched.Add(new WatchedCampaignView(id, null, "asha", Start));
        }
    }
}
