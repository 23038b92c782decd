using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Components.Chat;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Services.Chat;
using Osvi.Dashboard.Testing.Fakes;
using static Osvi.Dashboard.Testing.Fakes.ChatFixtures;

namespace Osvi.Dashboard.Components.Tests.Chat;

public sealed class ChatConversationTests : ChatTestContext
{
    private IRenderedComponent<ChatConversation> RenderConversation(ChatSessionView? session = null, bool canOperate = true) =>
        Render<ChatConversation>(p => p
            .Add(c => c.SessionId, SessionId)
            .Add(c => c.AgentUuid, Agent)
            .Add(c => c.CustomerId, Customer)
            .Add(c => c.InitialSession, session ?? Session())
            .Add(c => c.AgentName, "Order Help Chat")
            .Add(c => c.CanOperate, canOperate));

    private static ChatSessionView SupportSession() => Session() with { Mode = ChatMode.Support, ActiveHuman = "agent@yourco.com" };

    [Fact]
    public void Render_RecordedConversation_ShowsEveryKindInOrderWithTimesAndTheSeenLabel()
    {
        History.Seed(
            Entry(ChatEntryKind.SessionStarted) with { Context = ["Initial context for this chat"], InputFields = new Dictionary<string, string> { ["plan"] = "gold" } },
            Entry(ChatEntryKind.CustomerMessage, "Where is my order?", 1) with { Reply = "Sure — I can help with that. What's your order number?", Mode = ChatMode.Ai },
            Entry(ChatEntryKind.CustomerMessage, "I want a human", 2) with { Reply = "I have asked a member of our team to join.", HelpRequested = true },
            Entry(ChatEntryKind.Takeover, minutes: 3) with { Mode = ChatMode.Support, ActiveHuman = "agent@yourco.com" },
            Entry(ChatEntryKind.CustomerMessage, "Hello?", 4) with { Mode = ChatMode.Support },
            Entry(ChatEntryKind.OperatorMessage, "Hi, Priya here.", 5),
            Entry(ChatEntryKind.Tell, "Look up order 55512", 6) with { Reply = "Of course, let me pull that up for you." },
            Entry(ChatEntryKind.Whisper, "Offer a voucher", 7),
            Entry(ChatEntryKind.ContextInjected, "Earlier call: refund", 8) with { Context = ["a", "b"] },
            Entry(ChatEntryKind.HandBack, minutes: 9) with { Mode = ChatMode.Ai },
            Entry(ChatEntryKind.Close, minutes: 10) with { Status = ChatSessionStatus.Closed });

        var cut = RenderConversation();

        var kinds = cut.FindAll("#chat-timeline li[data-kind]").Select(li => li.GetAttribute("data-kind")).ToArray();
        Assert.Equal(["started", "customer", "agent", "customer", "agent", "takeover", "customer", "no-reply", "operator", "tell", "agent", "whisper",
            "context", "hand-back", "close"], kinds);
        Assert.Contains("What this dashboard has seen", cut.Find("#chat-seen-note").TextContent, StringComparison.Ordinal);
        Assert.Contains("do not appear here", cut.Find("#chat-seen-note").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 context entry · input fields: plan = gold", cut.Find("li[data-kind=started]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Private: the customer never sees this", cut.Find("li[data-kind=whisper]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Asked for a person", cut.FindAll("li[data-kind=customer]")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("No AI reply: a human is in control", cut.Find("li[data-kind=no-reply]").TextContent, StringComparison.Ordinal);
        Assert.Contains("priya took over as agent@yourco.com", cut.Find("li[data-kind=takeover]").TextContent, StringComparison.Ordinal);
        Assert.Contains("OSVI now keeps 2 of 5", cut.Find("li[data-kind=context]").TextContent, StringComparison.Ordinal);
        // UTC from OSVI shown in the viewer's zone (bunit's browser does not say, so the dashboard's: Asia/Kolkata, +05:30).
        var customerTime = cut.FindAll("li[data-kind=customer] time")[0];
        Assert.Equal("11:41:00", customerTime.TextContent);
        Assert.Equal("2026-06-12T06:11:00.0000000Z", customerTime.GetAttribute("datetime"));
        Assert.Equal("11:41:02", cut.FindAll("li[data-kind=agent] time")[0].TextContent);
        Assert.Equal("Times in Asia/Kolkata", cut.Find("#chat-zone").TextContent);
        Assert.Contains("Friday 12 June 2026", cut.Find("li.osvi-chat-day").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ViewerInAnotherZone_TimesAndZoneLabelAreTheViewers()
    {
        // The same viewer zone as every other page (the circuit's IViewerTimeZone), not a second detection of its own.
        Services.AddScoped<IViewerTimeZone>(_ => new FakeViewerTimeZone("America/New_York"));
        History.Seed(Entry(ChatEntryKind.CustomerMessage, "Where is my order?", 1));

        var cut = RenderConversation();

        Assert.Equal("02:11:00", cut.Find("li[data-kind=customer] time").TextContent);
        Assert.Equal("Times in America/New_York", cut.Find("#chat-zone").TextContent);
    }

    [Fact]
    public void Render_TextWithMarkup_IsShownAsTextNeverAsMarkup()
    {
        History.Seed(Entry(ChatEntryKind.CustomerMessage, "<b>bold</b><script>alert(1)</script>") with { Reply = "<img src=x onerror=alert(1)>" });

        var cut = RenderConversation();

        Assert.Equal("<b>bold</b><script>alert(1)</script>", cut.Find("li[data-kind=customer] .osvi-chat-text").TextContent);
        Assert.Equal("<img src=x onerror=alert(1)>", cut.Find("li[data-kind=agent] .osvi-chat-text").TextContent);
        Assert.Empty(cut.FindAll("#chat-timeline b, #chat-timeline script, #chat-timeline img"));
    }

    [Fact]
    public void Render_AiSession_BadgesSayAiActiveAndPlainMessageIsDisabledUntilTakeover()
    {
        var cut = RenderConversation();

        Assert.Equal("AI replying", cut.Find("#chat-conversation [data-badge=mode]").TextContent.Trim());
        Assert.Equal("Active", cut.Find("#chat-conversation [data-badge=status]").TextContent.Trim());
        Assert.Empty(cut.FindAll("#chat-conversation [data-badge=help]"));
        Assert.True(cut.Find("#chat-composer label[data-kind=Message] input").HasAttribute("disabled"));
        Assert.False(cut.Find("#chat-composer label[data-kind=Tell] input").HasAttribute("disabled"));
        Assert.Contains("take over", cut.Find("#chat-composer label[data-kind=Message]").GetAttribute("title"), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(cut.Find("#chat-takeover"));
        Assert.Empty(cut.FindAll("#chat-hand-back"));
        Assert.Contains("Nothing recorded yet", cut.Find("#chat-empty").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Initial context for this chat"], cut.FindAll("#chat-context li").Select(li => li.TextContent));
        Assert.Contains("gold", cut.Find("#chat-input-fields").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TakeOver_Succeeds_HumanInControlHandBackOfferedAndPlainMessageEnabled()
    {
        var cut = RenderConversation();

        cut.Find("#chat-takeover").Click();

        cut.WaitForAssertion(() => Assert.Equal("Human in control", cut.Find("#chat-conversation [data-badge=mode]").TextContent.Trim()));
        Assert.Equal(["support:Takeover"], Chat.Calls);
        Assert.NotNull(cut.Find("#chat-hand-back"));
        Assert.False(cut.Find("#chat-composer label[data-kind=Message] input").HasAttribute("disabled"));
        Assert.Equal("agent@yourco.com", cut.Find("#chat-active-human").TextContent);
        Assert.Single(cut.FindAll("li[data-kind=takeover]"));
        Assert.Contains(new ChatSessionKey(Agent, Customer), Live.RefreshRequests);
    }

    [Fact]
    public void SendPlainMessage_InSupportMode_EnterSendsItOnceAndClearsTheText()
    {
        var cut = RenderConversation(SupportSession());
        cut.Find("#chat-composer label[data-kind=Message] input").Change("Message");

        cut.Find("#chat-composer-input").Input("Hi, this is Priya.");
        Assert.Equal("chat-composer-input", cut.Find("#chat-composer-send").GetAttribute("data-send-for"));
        cut.Find("#chat-composer-input").KeyDown(new KeyboardEventArgs { Key = "Enter", ShiftKey = true });
        Assert.Empty(Chat.Calls);
        cut.Find("#chat-composer-input").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Contains("Hi, this is Priya.", cut.Find("li[data-kind=operator]").TextContent, StringComparison.Ordinal));
        Assert.Equal(["support:Message:Hi, this is Priya."], Chat.Calls);
        Assert.Equal("", cut.Find("#chat-composer-input").GetAttribute("value") ?? "");
    }

    [Fact]
    public void SendPlainMessage_OsviSaysNotInSupportMode_ErrorNextToTheComposerTextKeptModeCorrected()
    {
        var cut = RenderConversation(SupportSession());
        cut.Find("#chat-composer label[data-kind=Message] input").Change("Message");
        cut.Find("#chat-composer-input").Input("Are you there?");
        Chat.NextFailure = NotInSupportMode;

        cut.Find("#chat-composer-send").Click();

        cut.WaitForAssertion(() => Assert.Contains("Session is not in support mode", cut.Find("#chat-composer .osvi-error").TextContent, StringComparison.Ordinal));
        Assert.Contains("Could not send your message", cut.Find("#chat-composer .osvi-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("not-in-support", cut.Find("#chat-composer [data-hint]").GetAttribute("data-hint"));
        Assert.Equal("Are you there?", cut.Find("#chat-composer-input").GetAttribute("value"));
        Assert.Empty(cut.FindAll("#chat-controls .osvi-error"));
        Assert.Equal("AI replying", cut.Find("#chat-conversation [data-badge=mode]").TextContent.Trim());
        Assert.True(cut.Find("#chat-composer-send").HasAttribute("disabled"));
        // The refused attempt is part of what the dashboard has seen.
        Assert.Contains("Not delivered: OSVI answered 400 “Session is not in support mode”", cut.Find("li[data-kind=operator]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void SendAsCustomer_SessionClosedAtOsvi_ErrorAndHintNextToComposerTextKeptEverythingDisabled()
    {
        var cut = RenderConversation();
        cut.Find("#chat-composer-input").Input("Hello again");
        Chat.NextFailure = SessionClosed;

        cut.Find("#chat-composer-send").Click();

        cut.WaitForAssertion(() => Assert.Contains("“Session is closed”", cut.Find("#chat-composer .osvi-error").TextContent, StringComparison.Ordinal));
        Assert.Contains("Start a new session", cut.Find("#chat-composer [data-hint=closed]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Hello again", cut.Find("#chat-composer-input").GetAttribute("value"));
        Assert.Equal("Closed", cut.Find("#chat-conversation [data-badge=status]").TextContent.Trim());
        Assert.NotNull(cut.Find("#chat-closed"));
        Assert.True(cut.Find("#chat-takeover").HasAttribute("disabled"));
        Assert.True(cut.Find("#chat-close").HasAttribute("disabled"));
        Assert.True(cut.Find("#chat-composer-input").HasAttribute("disabled"));
        Assert.Equal(["inbound:Hello again"], Chat.Calls);
    }

    [Fact]
    public void TakeOver_Unreachable_SaysOutcomeUnknownNextToTheControlsNotTheComposer()
    {
        var cut = RenderConversation();
        Chat.NextFailure = Unreachable;

        cut.Find("#chat-takeover").Click();

        cut.WaitForAssertion(() => Assert.Contains("Could not take over: outcome unknown", cut.Find("#chat-controls + .osvi-chat-control-error").TextContent, StringComparison.Ordinal));
        Assert.Contains("Nothing is re-sent automatically", cut.Find(".osvi-chat-control-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#chat-composer .osvi-error"));
        Assert.Contains("Outcome unknown", cut.Find("li[data-kind=takeover]").TextContent, StringComparison.Ordinal);
        Assert.Equal("AI replying", cut.Find("#chat-conversation [data-badge=mode]").TextContent.Trim());
        Assert.Equal(["support:Takeover"], Chat.Calls);
    }

    [Fact]
    public void Send_ClickedTwiceWhileInFlight_SendsOnce()
    {
        var cut = RenderConversation();
        Chat.Gate = new TaskCompletionSource();
        cut.Find("#chat-composer-input").Input("Where is my order?");

        cut.Find("#chat-composer-send").Click();
        Assert.True(cut.Find("#chat-composer-send").HasAttribute("disabled"));
        cut.Find("#chat-composer-send").Click();
        Chat.Gate.SetResult();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("li[data-kind=agent]")));
        Assert.Equal(["inbound:Where is my order?"], Chat.Calls);
    }

    [Fact]
    public void Close_AsksFirst_CancelSendsNothingConfirmSendsOnce()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderConversation();

        // The click's handler waits for the answer, so it is not awaited here.
        cut.Find("#chat-close").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Close this session?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Keep it open", StringComparison.Ordinal)).Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Empty(Chat.Calls);

        cut.Find("#chat-close").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Closing is permanent", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Close session").Click();

        cut.WaitForAssertion(() => Assert.Equal("Closed", cut.Find("#chat-conversation [data-badge=status]").TextContent.Trim()));
        Assert.Equal(["support:Close"], Chat.Calls);
        Assert.Single(cut.FindAll("li[data-kind=close]"));
    }

    [Fact]
    public void InjectContext_FullList_SaysWhichEntryOsviDrops()
    {
        var cut = RenderConversation(Session() with { Context = ["one", "two", "three", "four", "five"] });

        cut.Find("#chat-composer label[data-kind=Context] input").Change("Context");

        Assert.Contains("adding this drops “one”", cut.Find("#chat-composer").TextContent, StringComparison.Ordinal);
        cut.Find("#chat-composer-input").Input("six");
        cut.Find("#chat-composer-send").Click();
        cut.WaitForAssertion(() => Assert.Equal(["six"], cut.FindAll("#chat-context li").Select(li => li.TextContent)));
        Assert.Equal(["context:six"], Chat.Calls);
    }

    [Fact]
    public void Render_Viewer_ReadsButEveryControlIsDisabledWithAReason()
    {
        UseRole(DashboardRoles.Viewer);
        History.Seed(Entry(ChatEntryKind.CustomerMessage, "Hi") with { Reply = "Hello!" });

        var cut = RenderConversation(canOperate: false);

        Assert.Equal(2, cut.FindAll("#chat-timeline li[data-kind]").Count);
        Assert.True(cut.Find("#chat-takeover").HasAttribute("disabled"));
        Assert.True(cut.Find("#chat-close").HasAttribute("disabled"));
        Assert.True(cut.Find("#chat-composer-input").HasAttribute("disabled"));
        Assert.All(cut.FindAll("#chat-composer input[type=radio]"), radio => Assert.True(radio.HasAttribute("disabled")));
        Assert.Contains("can read conversations but not take part", cut.Find("#chat-composer [data-blocked=role]").TextContent, StringComparison.Ordinal);
        // Viewers see customer phone numbers masked, as everywhere.
        Assert.Contains("3210", cut.Find("#chat-details").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("98765", cut.Find("#chat-details").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveFeed_CustomerAskedForAPersonElsewhere_ShowsHelpRequestedAndDormancy()
    {
        var cut = RenderConversation();
        Time.Advance(TimeSpan.FromSeconds(5));

        await Live.PublishValueAsync(new ChatSessionKey(Agent, Customer), new ActiveChatLookup(Session() with { HelpRequested = true, Status = ChatSessionStatus.Dormant }));

        cut.WaitForAssertion(() => Assert.Equal("Help requested", cut.Find("#chat-conversation [data-badge=help]").TextContent.Trim()));
        Assert.Equal("Dormant", cut.Find("#chat-conversation [data-badge=status]").TextContent.Trim());
        Assert.Equal("true", cut.Find("#chat-session").GetAttribute("data-help"));
    }

    [Fact]
    public async Task LiveFeed_OsviNoLongerListsTheSession_ShowsItClosedAndOffersTheNewerOne()
    {
        var cut = RenderConversation();
        Time.Advance(TimeSpan.FromSeconds(5));

        await Live.PublishValueAsync(new ChatSessionKey(Agent, Customer), new ActiveChatLookup(Session("0d6e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b")));

        cut.WaitForAssertion(() => Assert.Equal("Closed", cut.Find("#chat-conversation [data-badge=status]").TextContent.Trim()));
        Assert.NotNull(cut.Find("#chat-open-newer"));
    }

    [Fact]
    public async Task LiveFeed_SnapshotFromBeforeTheViewOpened_IsNotTrusted()
    {
        await Live.PublishValueAsync(new ChatSessionKey(Agent, Customer), new ActiveChatLookup(null));

        var cut = RenderConversation();

        Assert.Equal("Active", cut.Find("#chat-conversation [data-badge=status]").TextContent.Trim());
    }

    [Fact]
    public async Task History_EntryFromAnotherBrowser_AppearsAndUpdatesTheBadges()
    {
        var cut = RenderConversation();

        await cut.InvokeAsync(() => History.RecordAsync(Entry(ChatEntryKind.Takeover) with { Mode = ChatMode.Support, ActiveHuman = "ravi@yourco.com", Actor = "ravi" }));

        cut.WaitForAssertion(() => Assert.Contains("ravi took over", cut.Find("li[data-kind=takeover]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Human in control", cut.Find("#chat-conversation [data-badge=mode]").TextContent.Trim());
    }

    [Fact]
    public async Task Dispose_EndsTheHistoryAndLiveSubscriptions()
    {
        var cut = RenderConversation();
        Assert.Equal(1, History.WatcherCount(SessionId));
        Assert.Equal(1, Live.SubscriberCount(new ChatSessionKey(Agent, Customer)));

        await cut.Instance.DisposeAsync();

        Assert.Equal(0, History.WatcherCount(SessionId));
        Assert.Equal(0, Live.SubscriberCount(new ChatSessionKey(Agent, Customer)));
    }
}
