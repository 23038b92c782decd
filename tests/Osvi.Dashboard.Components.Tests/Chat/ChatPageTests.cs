using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Chat;
using static Osvi.Dashboard.Testing.Fakes.ChatFixtures;
using ChatPage = Osvi.Dashboard.Components.Pages.Chat;

namespace Osvi.Dashboard.Components.Tests.Chat;

public sealed class ChatPageTests : ChatTestContext
{
    private IRenderedComponent<ChatPage> RenderAt(string address)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<ChatPage>();
    }

    [Fact]
    public void Render_NoQuery_FinderAndTheEmptyRecentConversations()
    {
        var cut = RenderAt("chat");

        Assert.Equal("Chat", cut.Find("h1").TextContent);
        Assert.Equal("Start", cut.Find("#chat-content").GetAttribute("data-view"));
        Assert.Contains("No conversations recorded yet", cut.Find("#chat-recent").TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("#chat-open").HasAttribute("disabled"));
        Assert.Contains("OSVI's API does not list chat agents", cut.Find("#chat-finder").TextContent, StringComparison.Ordinal);
        Assert.Empty(Chat.Calls);
    }

    [Fact]
    public void Render_RecordedConversations_ListedNewestFirstWithLinksBySessionOnly()
    {
        History.Seed(Entry(ChatEntryKind.CustomerMessage, "Hi") with { Reply = "Hello!" }, Entry(ChatEntryKind.Close, minutes: 2) with { Status = ChatSessionStatus.Closed });

        var cut = RenderAt("chat");

        var row = cut.Find($"#chat-recent tr[data-session-id='{SessionId}']");
        Assert.Contains("Order Help Chat", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Closed", row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"chat?session_id={SessionId}", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void Render_AgentAndCustomerWithAnOpenSession_OpensTheConversationAndPrefillsTheFinder()
    {
        Chat.FindActive = (_, _) => ServiceResult<ChatSessionView?>.Success(Session());

        var cut = RenderAt($"chat?agent_uuid={Agent}&customer_id={Uri.EscapeDataString(Customer)}");

        cut.WaitForAssertion(() => Assert.Equal(SessionId, cut.Find("#chat-session").GetAttribute("data-session-id")));
        Assert.Equal([$"find:{Agent}:{Customer}"], Chat.Calls);
        Assert.Equal(Agent, cut.Find("#chat-agent").GetAttribute("value"));
        Assert.Equal(Customer, cut.Find("#chat-customer").GetAttribute("value"));
        Assert.Contains("Order Help Chat · from Dashboard:Chat:Agents", cut.Find("#chat-finder").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoOpenSession_OffersAStartAndAFirstMessageThatOpensTheNewSession()
    {
        var cut = RenderAt($"chat?agent_uuid={Agent}&customer_id={Uri.EscapeDataString(Customer)}");

        cut.WaitForAssertion(() => Assert.Equal("NoSession", cut.Find("#chat-content").GetAttribute("data-view")));
        Assert.Contains("has no open session with Order Help Chat", cut.Find("#chat-no-session").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#chat-first-message input[type=radio]"));
        cut.Find("#chat-first-message-input").Input("Where is my order?");
        cut.Find("#chat-first-message-send").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("session_id=5f0c3c55-2222-4b2a-9a00-000000000002", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        Assert.Contains("inbound:Where is my order?", Chat.Calls);
    }

    [Fact]
    public void Render_CustomerOnly_ListsTheOpenSessionsWithEveryAgent()
    {
        Chat.FindCustomer = _ => ServiceResult<IReadOnlyList<CustomerChatSession>>.Success(
        [
            new(Agent, Session() with { HelpRequested = true }),
            new("agent_x9KpL2Mn_41Tg83YWQNca-B_pe", Session("0d6e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b", "agent_x9KpL2Mn_41Tg83YWQNca-B_pe") with { Mode = ChatMode.Support }),
        ]);

        var cut = RenderAt($"chat?customer_id={Uri.EscapeDataString(Customer)}");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#chat-customer-sessions tbody tr").Count));
        Assert.Contains("Help requested", cut.Find($"#chat-customer-sessions tr[data-agent-uuid='{Agent}']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Human in control", cut.Find("#chat-customer-sessions tr[data-agent-uuid='agent_x9KpL2Mn_41Tg83YWQNca-B_pe']").TextContent, StringComparison.Ordinal);
        Assert.Equal([$"customer:{Customer}"], Chat.Calls);
    }

    [Fact]
    public void Render_LookupFails_ShowsOsvisErrorWithTryAgain()
    {
        Chat.FindActive = (_, _) => ServiceResult<ChatSessionView?>.Failed(Unreachable);

        var cut = RenderAt($"chat?agent_uuid={Agent}&customer_id=42");

        cut.WaitForAssertion(() => Assert.Contains("Could not look up the customer's session: OSVI could not be reached", cut.Find("#chat-content").TextContent, StringComparison.Ordinal));
        Chat.FindActive = (_, _) => ServiceResult<ChatSessionView?>.Success(Session());
        cut.Find("#chat-content .osvi-error-retry").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#chat-session")));
    }

    [Fact]
    public void Render_UnknownSessionId_SaysTheDashboardHasNoRecord()
    {
        var cut = RenderAt("chat?session_id=0d6e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b");

        cut.WaitForAssertion(() => Assert.Contains("no record of that session", cut.Find("#chat-unknown-session").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_RecordedSessionById_OpensItFromTheHistoryWithoutAskingOsviForALookup()
    {
        History.Seed(Entry(ChatEntryKind.CustomerMessage, "Hi") with { Reply = "Hello!", Mode = ChatMode.Ai });

        var cut = RenderAt($"chat?session_id={SessionId}");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#chat-timeline li[data-kind]").Count));
        Assert.Empty(Chat.Calls);
        // A history link carries no customer id, and the finder does not reveal it.
        Assert.Equal("", cut.Find("#chat-customer").GetAttribute("value") ?? "");
    }

    [Fact]
    public void Render_Viewer_ReadsButCannotStartSessions()
    {
        UseRole(DashboardRoles.Viewer);

        var cut = RenderAt($"chat?agent_uuid={Agent}&customer_id={Uri.EscapeDataString(Customer)}");

        cut.WaitForAssertion(() => Assert.Equal("NoSession", cut.Find("#chat-content").GetAttribute("data-view")));
        Assert.True(cut.Find("#chat-new").HasAttribute("disabled"));
        Assert.True(cut.Find("#chat-no-session-start").HasAttribute("disabled"));
        Assert.True(cut.Find("#chat-first-message-input").HasAttribute("disabled"));
        Assert.Contains("need the operator role", cut.Find("#chat-finder [data-blocked=role]").TextContent, StringComparison.Ordinal);
    }
}
