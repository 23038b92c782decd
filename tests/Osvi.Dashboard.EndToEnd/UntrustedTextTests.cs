using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Testing;
using Osvi.Simulator;
using Osvi.Simulator.Hosting;

namespace Osvi.Dashboard.EndToEnd;

/// <summary>Markup and script in every text OSVI returns that the pages show — agent names (Overview, call log, DND picker, chat
/// finder), DND reasons, chat replies — set through the simulator's admin hooks, in a real chromium: shown as text, no
/// dialog fires, no script runs, no injected element exists. Its own dashboard: renamed agents would confuse other tests.
/// The browser signs in as the demo operator.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class UntrustedTextTests(BrowserFixture browser, UntrustedTextTests.HostileDashboard dashboard) : IClassFixture<UntrustedTextTests.HostileDashboard>
{
    private const string Payload = "<img src=x onerror=\"window.__xss=1;alert(1)\"><script>window.__xss=1</script><b id=\"xss-b\">bold</b>";

    public sealed class HostileDashboard : KestrelDashboardFactory
    {
        private string? _baseUrl;

        public string BaseUrl => _baseUrl ??= StartAndGetBaseUrl();

        public EmbeddedSimulator Embedded => Services.GetRequiredService<EmbeddedSimulator>();
    }

    [Fact]
    public async Task HostileTextsFromOsvi_OnEveryPage_AreShownAsText_NothingRuns()
    {
        _ = dashboard.BaseUrl;
        using var admin = SimulatorAdmin.For(dashboard.Embedded.BaseUrl);
        using var http = new HttpClient { BaseAddress = dashboard.Embedded.BaseUrl };
        http.DefaultRequestHeaders.Add(SimulatorDefaults.AdminKeyHeader, SimulatorDefaults.AdminKey);
        var voice = await admin.AgentIdAsync("Appointment Reminder");
        var chatAgent = await admin.AgentIdAsync("Order Help Chat");
        var voiceName = "Reminders " + Payload;
        (await http.PatchAsJsonAsync($"/_simulator/agents/{voice}", new { name = voiceName })).EnsureSuccessStatusCode();
        (await http.PatchAsJsonAsync($"/_simulator/agents/{chatAgent}", new { name = "Chat " + Payload })).EnsureSuccessStatusCode();
        (await http.PatchAsJsonAsync("/_simulator/settings", new { chat_reply = "Reply " + Payload })).EnsureSuccessStatusCode();
        using (var osvi = new HttpClient { BaseAddress = dashboard.Embedded.BaseUrl })
        {
            osvi.DefaultRequestHeaders.Add("API-Token", dashboard.Embedded.ApiToken);
            (await osvi.PostAsJsonAsync("/v1/dnd_numbers", new { agent_uuid = voice, phone = "+919861740001", reason = "Reason " + Payload })).EnsureSuccessStatusCode();
        }

        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl);
        var dialogs = new List<string>();
        page.Page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };

        await Session.SignInAsync(page.Page, dashboard.BaseUrl, DashboardRoles.Operator, "/");
        await Assertions.Expect(page.Page.Locator(".osvi-agent-name", new() { HasText = "Reminders <img" })).ToHaveTextAsync(voiceName, new() { Timeout = 30000 });
        await AssertInertAsync(page, dialogs, "the Overview");

        await page.GotoAsync($"/calls?agent_uuid={voice}");
        await Assertions.Expect(page.Page.Locator("#call-log tr.osvi-call-row .osvi-call-agent").First).ToHaveTextAsync(voiceName, new() { Timeout = 30000 });
        await page.ScreenshotAsync("untrusted-text-calls");
        await AssertInertAsync(page, dialogs, "the call log");

        await page.GotoAsync($"/dnd?agent_uuid={voice}");
        await Assertions.Expect(page.Page.Locator("#dnd-grid")).ToContainTextAsync("Reason " + Payload, new() { Timeout = 30000 });
        await page.ScreenshotAsync("untrusted-text-dnd");
        await AssertInertAsync(page, dialogs, "the DND list");

        await page.GotoAsync($"/chat?agent_uuid={chatAgent}&customer_id=hostile-text");
        var input = page.Page.Locator("#chat-first-message-input");
        await Assertions.Expect(input).ToBeVisibleAsync(new() { Timeout = 30000 });
        await input.FillAsync("Customer says " + Payload);
        await page.Page.Locator("#chat-first-message-send").ClickAsync();
        var timeline = page.Page.Locator("#chat-timeline");
        await Assertions.Expect(timeline.Locator("[data-kind=agent] .osvi-chat-text")).ToHaveTextAsync("Reply " + Payload, new() { Timeout = 30000 });
        await Assertions.Expect(timeline).ToContainTextAsync("Customer says " + Payload);
        await page.ScreenshotAsync("untrusted-text-chat");
        await AssertInertAsync(page, dialogs, "the chat console");
        await page.AssertNoErrorsAsync("pages with hostile texts");
    }

    private static async Task AssertInertAsync(DashboardBrowser page, List<string> dialogs, string where)
    {
        await page.Page.WaitForTimeoutAsync(500);
        Assert.True(dialogs.Count == 0, $"a dialog fired on {where}: {string.Join(" | ", dialogs)}");
        Assert.Equal(JsonValueKind.Undefined, (await page.Page.EvaluateAsync<JsonElement?>("() => window.__xss"))?.ValueKind ?? JsonValueKind.Undefined);
        Assert.Equal(0, await page.Page.Locator("img[src=x], #xss-b, main script").CountAsync());
    }
}
