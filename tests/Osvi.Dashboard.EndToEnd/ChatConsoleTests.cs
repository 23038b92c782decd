using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Testing;
using Osvi.Simulator.Chat;
using Osvi.Simulator.Diagnostics;
using Osvi.Simulator.Hosting;
using Osvi.Simulator.World;

namespace Osvi.Dashboard.EndToEnd;

/// <summary>The chat console in a real chromium on demo mode (the embedded simulator behind the real HTTP client).
/// Signed in as the demo operator through the real form.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class ChatConsoleTests(BrowserFixture browser, ChatConsoleTests.DemoDashboard dashboard) : IClassFixture<ChatConsoleTests.DemoDashboard>
{
    private const string ViewerZone = "America/New_York";

    /// <summary>One demo dashboard for the class.</summary>
    public sealed class DemoDashboard : KestrelDashboardFactory
    {
        private string? _baseUrl;

        public string BaseUrl => _baseUrl ??= StartAndGetBaseUrl();

        public EmbeddedSimulator Embedded => Services.GetRequiredService<EmbeddedSimulator>();

        public string ChatAgentName => "Order Help Chat";

        public string ChatAgentUuid => Embedded.Services.GetRequiredService<SimulatorWorld>().GetAccounts()
            .Single(a => a.Token == Embedded.ApiToken).Agents.Single(a => a.Name == ChatAgentName).Uuid;

        public long Posts(string route) => Embedded.Services.GetRequiredService<RequestLog>().Count("POST", route);
    }

    [Fact]
    public async Task TakeoverConversation_CustomerAiOperatorHandBackClose_SeenLiveByASecondBrowser()
    {
        _ = dashboard.BaseUrl;
        var customer = "+9198765" + Random.Shared.Next(10000, 99999).ToString(CultureInfo.InvariantCulture);
        var (inboundBefore, supportBefore) = (dashboard.Posts("/v1/chat/inbound"), dashboard.Posts("/v1/chat/session/{id}/support"));
        await using var operatorPage = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Operator);
        var page = operatorPage.Page;
        await using var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Emulation.setTimezoneOverride", new Dictionary<string, object> { ["timezoneId"] = ViewerZone });

        // Find: pick the demo's chat agent from the list, type the customer, open: no session yet.
        await operatorPage.GotoAsync("/chat");
        await Assertions.Expect(page.Locator("#chat-recent")).ToBeVisibleAsync();
        await operatorPage.ScreenshotAsync("chat-start-light");
        await page.Locator("#chat-agent").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = dashboard.ChatAgentName }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#chat-agent")).ToHaveValueAsync(dashboard.ChatAgentUuid);
        await page.Locator("#chat-customer").FillAsync(customer);
        await page.Locator("#chat-open").ClickAsync();
        await Assertions.Expect(page.Locator("#chat-no-session")).ToBeVisibleAsync();
        Assert.Contains($"agent_uuid={Uri.EscapeDataString(dashboard.ChatAgentUuid)}", page.Url, StringComparison.Ordinal);
        await operatorPage.ScreenshotAsync("chat-no-session-light");

        // The customer's first message (Enter sends) opens the session; the AI replies at once.
        await page.Locator("#chat-first-message-input").FillAsync("Where is my order?");
        await page.Locator("#chat-first-message-input").PressAsync("Enter");
        var conversation = page.Locator("#chat-session");
        await Assertions.Expect(conversation).ToBeVisibleAsync();
        var timeline = page.Locator("#chat-timeline");
        await Assertions.Expect(timeline.Locator("[data-kind=customer]").Last).ToContainTextAsync("Where is my order?");
        await Assertions.Expect(timeline.Locator("[data-kind=agent]").Last).ToContainTextAsync(ChatReplies.OrderQuestionReply);
        await Assertions.Expect(conversation.Locator("[data-badge=mode]")).ToHaveTextAsync("AI replying");
        await Assertions.Expect(page.Locator("#chat-zone")).ToHaveTextAsync($"Times in {ViewerZone}");
        await AssertShownInViewerZoneAsync(timeline.Locator("[data-kind=agent] time").Last);
        var sessionId = await conversation.GetAttributeAsync("data-session-id");
        Assert.Contains($"session_id={sessionId}", page.Url, StringComparison.Ordinal);

        // A second browser on the same session (from the history link) sees new entries without reloading.
        await using var watcher = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Operator);
        await watcher.GotoAsync($"/chat?session_id={sessionId}");
        await Assertions.Expect(watcher.Page.Locator("#chat-timeline [data-kind=agent]")).ToContainTextAsync(ChatReplies.OrderQuestionReply);

        // Take over: the AI goes quiet; the plain message is enabled only now.
        await Assertions.Expect(page.Locator("#chat-composer label[data-kind=Message] input")).ToBeDisabledAsync();
        await page.Locator("#chat-takeover").ClickAsync();
        await Assertions.Expect(conversation.Locator("[data-badge=mode]")).ToHaveTextAsync("Human in control");
        await Assertions.Expect(timeline.Locator("[data-kind=takeover]")).ToBeVisibleAsync();
        await page.Locator("#chat-composer label[data-kind=Message]").ClickAsync();
        var input = page.Locator("#chat-composer-input");
        await input.FillAsync("Hi, this is Priya from support.");
        await input.PressAsync("Shift+Enter");
        await input.PressSequentiallyAsync("Let me check that for you.");
        await Assertions.Expect(input).ToHaveValueAsync("Hi, this is Priya from support.\nLet me check that for you.");
        await input.PressAsync("Enter");
        await Assertions.Expect(timeline.Locator("[data-kind=operator]")).ToContainTextAsync("Hi, this is Priya from support.");
        await Assertions.Expect(page.Locator("#chat-composer-input")).ToHaveValueAsync("");
        await Assertions.Expect(watcher.Page.Locator("#chat-timeline [data-kind=operator]")).ToContainTextAsync("Let me check that for you.");
        await Assertions.Expect(watcher.Page.Locator("#chat-session [data-badge=mode]")).ToHaveTextAsync("Human in control");

        // As the customer while a human is in control: no AI reply.
        await page.Locator("#chat-composer label[data-kind=Customer]").ClickAsync();
        await page.Locator("#chat-composer-input").FillAsync("Thank you!");
        await page.Locator("#chat-composer-send").ClickAsync();
        await Assertions.Expect(timeline.Locator("[data-kind=no-reply]")).ToContainTextAsync("No AI reply: a human is in control");
        await operatorPage.ScreenshotAsync("chat-takeover-light");

        // Hand back, then close (with confirmation).
        await page.Locator("#chat-hand-back").ClickAsync();
        await Assertions.Expect(conversation.Locator("[data-badge=mode]")).ToHaveTextAsync("AI replying");
        await Assertions.Expect(timeline.Locator("[data-kind=hand-back]")).ToBeVisibleAsync();
        await page.Locator("#chat-close").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Close session", Exact = true }).ClickAsync();
        await Assertions.Expect(conversation.Locator("[data-badge=status]")).ToHaveTextAsync("Closed");
        await Assertions.Expect(page.Locator("#chat-closed")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#chat-composer-input")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#chat-takeover")).ToBeDisabledAsync();
        await Assertions.Expect(watcher.Page.Locator("#chat-session [data-badge=status]")).ToHaveTextAsync("Closed");

        // Each command reached OSVI once: 2 customer messages; takeover, message, end, close.
        Assert.Equal(2, dashboard.Posts("/v1/chat/inbound") - inboundBefore);
        Assert.Equal(4, dashboard.Posts("/v1/chat/session/{id}/support") - supportBefore);
        await operatorPage.AssertNoErrorsAsync("the chat console");
        await watcher.AssertNoErrorsAsync("the chat console (second browser)");
        await operatorPage.AssertAccessibleAsync("the chat console");
        await operatorPage.ScreenshotAsync("chat-closed-light");

        // Dark theme.
        await page.Locator("#theme-toggle").ClickAsync();
        await Assertions.Expect(page.Locator("#render-state")).ToHaveAttributeAsync("data-theme", "dark");
        await operatorPage.ScreenshotAsync("chat-closed-dark");
        await operatorPage.AssertAccessibleAsync("the chat console in the dark theme");
        await page.Locator("#theme-toggle").ClickAsync();
    }

    [Fact]
    public async Task StartSession_ContextOverFive_ShowsWhatOsviDropsAndOpensTheSession()
    {
        await using var operatorPage = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Operator);
        var page = operatorPage.Page;
        var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
        await operatorPage.GotoAsync($"/chat?agent_uuid={Uri.EscapeDataString(dashboard.ChatAgentUuid)}&customer_id={customer}");
        await Assertions.Expect(page.Locator("#chat-no-session")).ToBeVisibleAsync();

        await page.Locator("#chat-new").ClickAsync();
        var form = page.Locator("#chat-new-session");
        await Assertions.Expect(form).ToBeVisibleAsync();
        await page.Locator("#chat-new-add-field").ClickAsync();
        await page.Locator("#chat-field-key-0").FillAsync("plan");
        await page.Locator("#chat-field-value-0").FillAsync("gold");
        for (var i = 0; i < 6; i++)
        {
            await page.Locator("#chat-new-add-context").ClickAsync();
            await page.Locator($"#chat-context-{i}").FillAsync($"Note {i + 1}");
        }

        await Assertions.Expect(form.Locator("[data-row='0'][data-fate=Dropped]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#chat-new-dropped")).ToContainTextAsync("the oldest entry is dropped");
        await operatorPage.ScreenshotAsync("chat-new-session-light");
        await page.Locator("#chat-new-start").ClickAsync();

        await Assertions.Expect(page.Locator("#chat-session")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#chat-context li")).ToHaveTextAsync(["Note 2", "Note 3", "Note 4", "Note 5", "Note 6"]);
        await Assertions.Expect(page.Locator("#chat-input-fields")).ToContainTextAsync("gold");
        await Assertions.Expect(page.Locator("#chat-timeline [data-kind=started]")).ToContainTextAsync("5 context entries");

        // Guidance: a whisper stays private (marked so), a tell makes the agent reply.
        await page.Locator("#chat-composer label[data-kind=Whisper]").ClickAsync();
        await page.Locator("#chat-composer-input").FillAsync("Offer the gold-plan customer free shipping.");
        await page.Locator("#chat-composer-input").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#chat-timeline [data-kind=whisper]")).ToContainTextAsync("Private: the customer never sees this");
        await page.Locator("#chat-composer label[data-kind=Tell]").ClickAsync();
        await page.Locator("#chat-composer-input").FillAsync("Ask for the order number.");
        await page.Locator("#chat-composer-send").ClickAsync();
        await Assertions.Expect(page.Locator("#chat-timeline [data-kind=agent]").Last).ToContainTextAsync(ChatReplies.TellReply);
        await operatorPage.ScreenshotAsync("chat-guidance-light");
        await page.Locator("#chat-composer label[data-kind=Customer]").ClickAsync();

        // The conversation follows its newest entry.
        for (var i = 1; i <= 8; i++)
        {
            await page.Locator("#chat-composer-input").FillAsync($"Question {i}: where is order 5551{i}?");
            await page.Locator("#chat-composer-input").PressAsync("Enter");
            await Assertions.Expect(page.Locator("#chat-timeline [data-kind=agent]").Last).ToContainTextAsync($"Order 5551{i} is packed");
        }

        await page.WaitForFunctionAsync("() => { const e = document.querySelector('#chat-timeline'); return e.scrollHeight > e.clientHeight && e.scrollHeight - e.scrollTop - e.clientHeight < 4; }");

        // OSVI text is text: markup typed by a customer is shown, never interpreted.
        await page.Locator("#chat-composer-input").FillAsync("<b>bold</b><img src=x onerror=alert(1)>");
        await page.Locator("#chat-composer-send").ClickAsync();
        var shown = page.Locator("#chat-timeline [data-kind=customer] .osvi-chat-text").Last;
        await Assertions.Expect(shown).ToHaveTextAsync("<b>bold</b><img src=x onerror=alert(1)>");
        Assert.Equal(0, await page.Locator("#chat-timeline b, #chat-timeline img").CountAsync());

        // The customer's open sessions across agents, from the finder; light and dark.
        await page.Locator("#chat-all-sessions").ClickAsync();
        var row = page.Locator($"#chat-customer-sessions tr[data-agent-uuid='{dashboard.ChatAgentUuid}']");
        await Assertions.Expect(row).ToContainTextAsync(dashboard.ChatAgentName);
        await Assertions.Expect(row.Locator("[data-badge=mode]")).ToHaveTextAsync("AI replying");
        await operatorPage.ScreenshotAsync("chat-customer-sessions-light");
        await page.Locator("#theme-toggle").ClickAsync();
        await Assertions.Expect(page.Locator("#render-state")).ToHaveAttributeAsync("data-theme", "dark");
        await operatorPage.ScreenshotAsync("chat-customer-sessions-dark");
        await operatorPage.AssertAccessibleAsync("the customer's sessions in the dark theme");
        await row.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Assertions.Expect(page.Locator("#chat-timeline [data-kind=customer]").Last).ToContainTextAsync("<b>bold</b>");
        await operatorPage.ScreenshotAsync("chat-conversation-dark");
        await page.Locator("#theme-toggle").ClickAsync();
        await operatorPage.AssertNoErrorsAsync("the new session");
    }

    private static async Task AssertShownInViewerZoneAsync(ILocator time)
    {
        var utc = DateTimeOffset.Parse(await time.GetAttributeAsync("datetime") ?? "", CultureInfo.InvariantCulture);
        var expected = TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById(ViewerZone)).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        await Assertions.Expect(time).ToHaveTextAsync(expected);
    }
}
