using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Testing;
using Osvi.Simulator.Diagnostics;
using Osvi.Simulator.Faults;
using Osvi.Simulator.Hosting;

namespace Osvi.Dashboard.EndToEnd;

/// <summary>Every page under the simulator's injected faults in a real chromium: 2 s latency, 30 % server errors, 429
/// with Retry-After, dropped connections and a token that becomes invalid. The page stays usable, says what is wrong
/// (never a stack trace or Blazor's error bar), keeps what the user typed, and recovers once the fault is removed; an
/// action that meets a fault is reported once and never resent (counted at the simulator). Every browser signs in
/// as the demo operator.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class FaultTests(BrowserFixture browser, FaultTests.FaultyDashboard dashboard) : IClassFixture<FaultTests.FaultyDashboard>
{
    /// <summary>Refresh interval of the pages in these tests.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>A demo dashboard with a short refresh interval, one GET retry and a circuit breaker that opens and
    /// closes within seconds, so a fault's start and end show within a test's patience.</summary>
    public sealed class FaultyDashboard : KestrelDashboardFactory
    {
        private string? _baseUrl;

        public FaultyDashboard()
        {
            WithSetting("OsviApi:MaxRetries", "1");
            WithSetting("OsviApi:RetryBaseDelay", "00:00:00.200");
            WithSetting("OsviApi:MaxRetryAfter", "00:00:01");
            WithSetting("OsviApi:AttemptTimeout", "00:00:04");
            WithSetting("OsviApi:TotalTimeout", "00:00:08");
            WithSetting("OsviApi:CircuitBreakerBreakDuration", "00:00:02");
        }

        public string BaseUrl => _baseUrl ??= StartAndGetBaseUrl();

        public EmbeddedSimulator Embedded => Services.GetRequiredService<EmbeddedSimulator>();

        public FaultStore Faults => Embedded.Services.GetRequiredService<FaultStore>();

        public long Count(string method, string route) => Embedded.Services.GetRequiredService<RequestLog>().Count(method, route);
    }

    public static TheoryData<string, string> PagesAndFaults
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var page in new[] { "overview", "dnd", "chat" })
            {
                foreach (var fault in new[] { "latency", "errors30", "rate-limit", "dropped", "token-invalid" })
                {
                    data.Add(page, fault);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(PagesAndFaults))]
    public async Task Page_UnderFault_StaysUsable_SaysWhatIsWrong_KeepsTypedText_Recovers(string pageName, string fault)
    {
        _ = dashboard.BaseUrl;
        using var admin = SimulatorAdmin.For(dashboard.Embedded.BaseUrl);
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl);
        var (path, ready, typedInto, typed) = await PageAsync(admin, pageName, fault);
        await Session.SignInAsync(page.Page, dashboard.BaseUrl, DashboardRoles.Operator, path);
        await Assertions.Expect(page.Page.Locator(ready)).ToBeVisibleAsync(new() { Timeout = 30000 });
        await Assertions.Expect(page.Page.Locator("#osvi-connection")).ToHaveAttributeAsync("data-state", "reachable", new() { Timeout = 30000 });
        if (typedInto is not null)
        {
            await page.Page.Locator(typedInto).FillAsync(typed);
        }

        dashboard.Faults.Add(Rule(fault));
        try
        {
            if (ExpectedState(fault) is { } state)
            {
                // A fault that fails every request: the app bar says which, within a refresh interval or two.
                await Assertions.Expect(page.Page.Locator("#osvi-connection")).ToHaveAttributeAsync("data-state", state, new() { Timeout = 20000 });
            }
            else
            {
                // Slow or partly failing: keep using the page for a few refresh intervals.
                await page.Page.WaitForTimeoutAsync((int)(Interval * 3).TotalMilliseconds);
            }

            if (pageName == "dnd")
            {
                // A read the user starts under the fault: a clear message (or the list, when it got through), never a crash.
                await page.Page.Locator(typedInto!).FillAsync(typed + "1");
                await page.Page.Locator(typedInto!).FillAsync(typed);
                await Assertions.Expect(page.Page.Locator("#dnd-total, #dnd-tabs .osvi-error").First).ToBeVisibleAsync(new() { Timeout = 30000 });
            }

            await AssertUsableAsync(page, $"{pageName} under {fault}", typedInto, typed);
            await page.ScreenshotAsync($"fault-{pageName}-{fault}");
        }
        finally
        {
            dashboard.Faults.Clear();
        }

        // Recovery: the next poll after the fault ends (one interval, plus the breaker's 2 s when it had opened).
        await Assertions.Expect(page.Page.Locator("#osvi-connection")).ToHaveAttributeAsync("data-state", "reachable",
            new() { Timeout = (float)(Interval * 2 + TimeSpan.FromSeconds(2 + 6)).TotalMilliseconds });
        if (pageName == "overview")
        {
            await Assertions.Expect(page.Page.Locator("#last-updated")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("osvi-updated--stale"),
                new() { Timeout = 15000 });
            var before = await page.Page.Locator("#last-updated").GetAttributeAsync("data-updated");
            await Assertions.Expect(page.Page.Locator("#last-updated")).Not.ToHaveAttributeAsync("data-updated", before ?? "", new() { Timeout = 15000 });
        }
        else if (pageName == "dnd" && await page.Page.Locator("#dnd-tabs .osvi-error-retry").CountAsync() > 0)
        {
            await page.Page.Locator("#dnd-tabs .osvi-error-retry").ClickAsync();
            await Assertions.Expect(page.Page.Locator("#dnd-tabs .osvi-error")).ToHaveCountAsync(0, new() { Timeout = 15000 });
        }

        await AssertUsableAsync(page, $"{pageName} after {fault}", typedInto, typed);
    }

    [Theory]
    [InlineData("error")]
    [InlineData("dropped")]
    public async Task DndAdd_MeetsAFault_IsReportedOnce_NotResent_DialogKeepsTheInput(string fault)
    {
        _ = dashboard.BaseUrl;
        using var admin = SimulatorAdmin.For(dashboard.Embedded.BaseUrl);
        var agent = await admin.AgentIdAsync("Appointment Reminder");
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl);
        await Session.SignInAsync(page.Page, dashboard.BaseUrl, DashboardRoles.Operator, $"/dnd?agent_uuid={agent}");
        await Assertions.Expect(page.Page.Locator("#dnd-total")).ToBeVisibleAsync(new() { Timeout = 30000 });
        await page.Page.Locator("#dnd-add").ClickAsync();
        var dialog = page.Page.Locator(".mud-dialog", new() { HasText = "Add a number to DND" });
        var number = fault == "error" ? "98617 40001" : "98617 40002";
        await dialog.GetByLabel("Phone number").FillAsync(number);
        await dialog.GetByLabel("Reason (optional)").FillAsync("asked under a fault");
        var posts = dashboard.Count("POST", "/v1/dnd_numbers");

        dashboard.Faults.Add(new FaultRule(fault == "error" ? FaultKinds.Error : FaultKinds.Abort, Method: "POST", Route: "/v1/dnd_numbers"));
        try
        {
            await page.Page.Locator("#dnd-add-submit").ClickAsync();
            await Assertions.Expect(dialog.Locator(".osvi-error, [data-outcome=unknown]").First).ToBeVisibleAsync(new() { Timeout = 30000 });
            await Assertions.Expect(dialog).ToContainTextAsync(fault == "error" ? "OSVI had an internal error" : "outcome unknown",
                new() { Timeout = 5000, IgnoreCase = true });
            await page.Page.WaitForTimeoutAsync((int)(Interval * 2).TotalMilliseconds);
            Assert.Equal(posts + 1, dashboard.Count("POST", "/v1/dnd_numbers"));
            await Assertions.Expect(dialog.GetByLabel("Phone number")).ToHaveValueAsync(number);
            await Assertions.Expect(dialog.GetByLabel("Reason (optional)")).ToHaveValueAsync("asked under a fault");
            await page.ScreenshotAsync($"fault-dnd-add-{fault}");
            await AssertUsableAsync(page, $"DND add under {fault}", null, "");
        }
        finally
        {
            dashboard.Faults.Clear();
        }

        await page.Page.WaitForTimeoutAsync((int)(Interval * 2).TotalMilliseconds);
        Assert.Equal(posts + 1, dashboard.Count("POST", "/v1/dnd_numbers"));
    }

    [Theory]
    [InlineData("error")]
    [InlineData("dropped")]
    public async Task ChatMessage_MeetsAFault_IsReportedOnce_NotResent_TextKept(string fault)
    {
        _ = dashboard.BaseUrl;
        using var admin = SimulatorAdmin.For(dashboard.Embedded.BaseUrl);
        var agent = await admin.AgentIdAsync("Order Help Chat");
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl);
        await Session.SignInAsync(page.Page, dashboard.BaseUrl, DashboardRoles.Operator, $"/chat?agent_uuid={agent}&customer_id=fault-action-{fault}");
        var input = page.Page.Locator("#chat-first-message-input");
        await Assertions.Expect(input).ToBeVisibleAsync(new() { Timeout = 30000 });
        await input.FillAsync("Where is my order?");
        var posts = dashboard.Count("POST", "/v1/chat/inbound");

        dashboard.Faults.Add(new FaultRule(fault == "error" ? FaultKinds.Error : FaultKinds.Abort, Method: "POST", Route: "/v1/chat/inbound"));
        try
        {
            await page.Page.Locator("#chat-first-message-send").ClickAsync();
            await Assertions.Expect(page.Page.Locator("#chat-first-message .osvi-error, #chat-no-session .osvi-error").First).ToBeVisibleAsync(new() { Timeout = 30000 });
            await page.Page.WaitForTimeoutAsync((int)(Interval * 2).TotalMilliseconds);
            Assert.Equal(posts + 1, dashboard.Count("POST", "/v1/chat/inbound"));
            await Assertions.Expect(input).ToHaveValueAsync("Where is my order?");
            await page.ScreenshotAsync($"fault-chat-send-{fault}");
            await AssertUsableAsync(page, $"chat send under {fault}", null, "");
        }
        finally
        {
            dashboard.Faults.Clear();
        }

        await page.Page.WaitForTimeoutAsync((int)(Interval * 2).TotalMilliseconds);
        Assert.Equal(posts + 1, dashboard.Count("POST", "/v1/chat/inbound"));
    }

    private static FaultRule Rule(string fault) => fault switch
    {
        "latency" => new FaultRule(FaultKinds.Latency, PathPrefix: "/v1", LatencyMs: 2000),
        "errors30" => new FaultRule(FaultKinds.Error, PathPrefix: "/v1", Probability: 0.3),
        "rate-limit" => new FaultRule(FaultKinds.RateLimit, PathPrefix: "/v1", RetryAfterSeconds: 5),
        "dropped" => new FaultRule(FaultKinds.Abort, PathPrefix: "/v1"),
        "token-invalid" => new FaultRule(FaultKinds.Error, PathPrefix: "/v1", StatusCode: 401),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    private static string? ExpectedState(string fault) => fault switch
    {
        "rate-limit" => "degraded",
        "dropped" => "unreachable",
        "token-invalid" => "token-rejected",
        _ => null,
    };

    private static async Task<(string Path, string Ready, string? TypedInto, string Typed)> PageAsync(SimulatorAdmin admin, string page, string fault) => page switch
    {
        "overview" => ("/", "#stat-active-agents", null, ""),
        "dnd" => ($"/dnd?agent_uuid={await admin.AgentIdAsync("Policy Renewals")}", "#dnd-total", "#dnd-tabs input[type=text] >> nth=0", "98765"),
        "chat" => ($"/chat?agent_uuid={await admin.AgentIdAsync("Order Help Chat")}&customer_id=fault-{fault}", "#chat-first-message-input",
            "#chat-first-message-input", "typed while OSVI was failing"),
        _ => throw new ArgumentOutOfRangeException(nameof(page)),
    };

    private static async Task AssertUsableAsync(DashboardBrowser page, string where, string? typedInto, string typed)
    {
        await page.WaitInteractiveAsync();
        await page.AssertNoErrorsAsync(where);
        var text = await page.Page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("unhandled error", text, StringComparison.OrdinalIgnoreCase);
        if (typedInto is not null)
        {
            await Assertions.Expect(page.Page.Locator(typedInto)).ToHaveValueAsync(typed);
        }
    }
}
