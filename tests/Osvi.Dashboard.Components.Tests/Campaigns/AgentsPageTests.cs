using Bunit;
using Osvi.Dashboard.Components.Pages;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Agents;

namespace Osvi.Dashboard.Components.Tests.Campaigns;

/// <summary>The active agents: name, id, status, today's calls by status (one shared feed per agent) and quick links.</summary>
public sealed class AgentsPageTests : CampaignsTestContext
{
    [Fact]
    public async Task Publish_AgentsAndCounts_ShowsEachAgentWithItsQuickLinksAndTodaysCalls()
    {
        var cut = Render<Agents>();
        Assert.Contains("Loading active agents", cut.Markup, StringComparison.Ordinal);

        await PublishAgentsAsync();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-agent-id]").Count));
        Assert.Equal(1, Live.SubscriberCount(new AgentCallsTodayKey(RenewalsAgent)));
        Assert.Equal(1, Live.SubscriberCount(new AgentCallsTodayKey(SupportAgent)));
        await Live.PublishValueAsync(new AgentCallsTodayKey(RenewalsAgent), OverviewFixtures.Counts());

        cut.WaitForAssertion(() => Assert.Equal("133", cut.Find($"[data-agent-id='{RenewalsAgent}'] .osvi-agent-today-total").TextContent));
        var card = cut.Find($"[data-agent-id='{RenewalsAgent}']");
        Assert.Equal("Policy Renewals", card.QuerySelector("h2")!.TextContent);
        Assert.Contains(RenewalsAgent, card.QuerySelector(".osvi-agent-id")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("active", card.QuerySelector(".osvi-pill")!.TextContent);
        Assert.Equal("25", card.QuerySelector("[data-status=not_picked] [data-count]")!.TextContent);
        Assert.Equal($"calls?agent_uuid={RenewalsAgent}&status=picked&start_date=2026-06-12&end_date=2026-06-12",
            card.QuerySelector("[data-status=picked] a")!.GetAttribute("href"));
        Assert.Equal($"calls?agent_uuid={RenewalsAgent}", card.QuerySelector("[data-link=calls]")!.GetAttribute("href"));
        Assert.Equal($"dnd?agent_uuid={RenewalsAgent}", card.QuerySelector("[data-link=dnd]")!.GetAttribute("href"));
        Assert.Equal($"calls/new?agent_uuid={RenewalsAgent}", card.QuerySelector("[data-link=call]")!.GetAttribute("href"));
        Assert.Equal($"chat?agent_uuid={RenewalsAgent}", card.QuerySelector("[data-link=chat]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Render_Viewer_GetsNoStartACallLink()
    {
        UseRole(DashboardRoles.Viewer);
        var cut = Render<Agents>();

        await PublishAgentsAsync();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-agent-id]").Count));
        Assert.Empty(cut.FindAll("[data-link=call]"));
        Assert.Equal(2, cut.FindAll("[data-link=chat]").Count);
    }

    [Fact]
    public async Task Dispose_Page_EndsThePerAgentFeeds()
    {
        var cut = Render<Agents>();
        await PublishAgentsAsync();
        cut.WaitForAssertion(() => Assert.Equal(1, Live.SubscriberCount(new AgentCallsTodayKey(SupportAgent))));

        await cut.Instance.DisposeAsync();

        Assert.Equal(0, Live.SubscriberCount(new AgentCallsTodayKey(SupportAgent)));
        Assert.Equal(0, Live.SubscriberCount(ActiveAgentsKey.Instance));
    }
}
