using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Client;
using Osvi.Dashboard.Components.Pages;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Connection;
using Osvi.Dashboard.Services.Overview;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Testing.Fakes;

namespace Osvi.Dashboard.Components.Tests.Pages;

public sealed class OverviewTests : OsviTestContext
{
    private static readonly OsviError s_unreachable = new(OsviErrorKind.Unreachable, null, "OSVI could not be reached: Connection refused", []);
    private readonly FakeOverviewService _overview = new();

    public OverviewTests() => Services.AddSingleton<IOverviewService>(_overview);

    [Fact]
    public void Render_BeforeTheFirstPoll_ShowsSkeletonsAndLoadingStates()
    {
        var cut = Render<Overview>();

        Assert.Equal("Overview", cut.Find("h1").TextContent);
        Assert.NotEmpty(cut.FindAll("#stat-calls-today .mud-skeleton"));
        Assert.Contains("Counting today's calls", cut.Find("#calls-by-status").TextContent, StringComparison.Ordinal);
        Assert.Contains("Waiting for the first update", cut.Find("#last-updated").TextContent, StringComparison.Ordinal);
        Assert.Contains("Friday 12 June 2026 (Asia/Kolkata)", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_TodaysCounts_ShowsTotalsPickupRateChartAndTable()
    {
        var cut = Render<Overview>();

        await Live.PublishValueAsync(CallsTodayKey.Instance, OverviewFixtures.Counts());

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("133", cut.Find("#stat-calls-today .osvi-stat-value").TextContent);
            Assert.Equal("3 in progress", cut.Find("#stat-calls-today .osvi-stat-caption").TextContent);
            Assert.Equal("88", cut.Find("#stat-answered .osvi-stat-value").TextContent);
            Assert.Equal("68% pickup rate", cut.Find("#stat-answered .osvi-stat-caption").TextContent);
            Assert.Equal("25", cut.Find("tr[data-status=not_picked] td[data-count]").TextContent);
            Assert.NotEmpty(cut.FindAll("#calls-by-status svg"));
            Assert.Contains("Answered 88", cut.Find(".osvi-status-chart").GetAttribute("aria-label"), StringComparison.Ordinal);
            Assert.Contains("Updated 12:00:00", cut.Find("#last-updated").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Publish_NoCallsToday_ShowsTheEmptyStateNotAnEmptyChart()
    {
        var cut = Render<Overview>();

        await Live.PublishValueAsync(CallsTodayKey.Instance, OverviewFixtures.Counts(0, 0, 0, 0, 0, 0));

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("No calls yet today", cut.Find("#calls-by-status").TextContent, StringComparison.Ordinal);
            Assert.Empty(cut.FindAll("#calls-by-status .osvi-status-chart"));
            Assert.Equal("No finished calls yet", cut.Find("#stat-answered .osvi-stat-caption").TextContent);
        });
    }

    [Fact]
    public async Task Publish_FirstPollFails_ShowsTheErrorAndRetryAsksTheSharedPollerToRefresh()
    {
        var cut = Render<Overview>();

        await Live.PublishErrorAsync(CallsTodayKey.Instance, s_unreachable);

        cut.WaitForAssertion(() => Assert.Contains("Could not count today's calls: OSVI could not be reached", cut.Find("#calls-by-status").TextContent, StringComparison.Ordinal));
        Assert.Equal("Update failed at 12:00:00", cut.Find("#last-updated").TextContent.Trim());
        cut.Find("#calls-by-status .osvi-error-retry").Click();
        Assert.Equal([CallsTodayKey.Instance], Live.RefreshRequests);
    }

    [Fact]
    public async Task Publish_FailureAfterData_KeepsTheNumbersAndMarksThemStale()
    {
        var cut = Render<Overview>();
        await Live.PublishValueAsync(CallsTodayKey.Instance, OverviewFixtures.Counts());
        Time.Advance(TimeSpan.FromSeconds(10));

        await Live.PublishErrorAsync(CallsTodayKey.Instance, s_unreachable);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("133", cut.Find("#stat-calls-today .osvi-stat-value").TextContent);
            Assert.Contains("Refreshing failed; showing the last numbers", cut.Find("#calls-by-status").TextContent, StringComparison.Ordinal);
            Assert.Equal("Stale: last updated 12:00:00", cut.Find("#last-updated").TextContent.Trim());
            Assert.Contains("osvi-updated--stale", cut.Find("#last-updated").ClassName, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Publish_ActiveAgents_ListsThemAndCountsThem()
    {
        var cut = Render<Overview>();

        await Live.PublishValueAsync<IReadOnlyList<AgentView>>(ActiveAgentsKey.Instance,
            [new AgentView("agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", "Appointment Reminder", "active"), new AgentView("agent_x9KpL2Mn_41Tg83YWQNca-B_pe", "Support Line", "active")]);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("2", cut.Find("#stat-active-agents .osvi-stat-value").TextContent);
            Assert.Equal(["Appointment Reminder", "Support Line"], cut.FindAll(".osvi-agent-name").Select(e => e.TextContent));
            Assert.Equal("AR", cut.Find("li[data-agent-id=agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og] .osvi-agent-avatar").TextContent);
        });
    }

    [Fact]
    public async Task Publish_NoActiveAgents_ExplainsWhatToDo()
    {
        var cut = Render<Overview>();

        await Live.PublishValueAsync<IReadOnlyList<AgentView>>(ActiveAgentsKey.Instance, []);

        cut.WaitForAssertion(() => Assert.Contains("activate one in OSVI", cut.Find("#active-agents").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_OsviProbe_ShowsLatencyInItsCard()
    {
        var cut = Render<Overview>();

        await Live.PublishValueAsync(OsviConnectionKey.Instance, new OsviConnection(ConnectionState.Reachable, TimeSpan.FromMilliseconds(142), null));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("142 ms", cut.Find("#stat-osvi .osvi-stat-value").TextContent);
            Assert.Equal("Reachable with the configured token", cut.Find("#stat-osvi .osvi-stat-caption").TextContent);
        });
    }

    [Fact]
    public void Render_NoWatchedCampaigns_PointsToTheCampaignsPage()
    {
        var cut = Render<Overview>();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("No watched campaigns yet", cut.Find("#watched-campaigns").TextContent, StringComparison.Ordinal);
            Assert.Equal("campaigns", cut.Find("#watched-campaigns a").GetAttribute("href"));
        });
    }

    [Fact]
    public void Render_WatchedCampaigns_ListsThemWithLinks()
    {
        _overview.Watched.Add(new WatchedCampaignView(7, "June Renewals", "asha", Start));
        _overview.Watched.Add(new WatchedCampaignView(9, null, "ravi", Start));

        var cut = Render<Overview>();

        cut.WaitForAssertion(() => Assert.Equal(["June Renewals", "Campaign 9"], cut.FindAll("#watched-campaigns li a").Select(a => a.TextContent)));
        Assert.Equal("campaigns/7", cut.Find("li[data-campaign-id='7'] a").GetAttribute("href"));
    }

    [Fact]
    public async Task Render_WatchedCampaignsFail_OnlyThatCardShowsTheCrash()
    {
        _overview.Failure = new InvalidOperationException("database locked");

        var cut = Render<Overview>();
        await Live.PublishValueAsync(CallsTodayKey.Instance, OverviewFixtures.Counts());

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Watched campaigns stopped working", cut.Find("#watched-campaigns [data-crash=true]").TextContent, StringComparison.Ordinal);
            Assert.Equal("133", cut.Find("#stat-calls-today .osvi-stat-value").TextContent);
            Assert.Single(cut.FindAll("[data-crash=true]"));
        });
    }

    [Fact]
    public async Task Dispose_Page_EndsEverySubscription()
    {
        var cut = Render<Overview>();
        Assert.Equal(1, Live.SubscriberCount(CallsTodayKey.Instance));

        await cut.Instance.DisposeAsync();

        Assert.Equal(0, Live.SubscriberCount(CallsTodayKey.Instance));
        Assert.Equal(0, Live.SubscriberCount(ActiveAgentsKey.Instance));
        Assert.Equal(0, Live.SubscriberCount(OsviConnectionKey.Instance));
    }
}
