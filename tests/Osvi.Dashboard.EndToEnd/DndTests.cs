using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Accounts;
using Osvi.Dashboard.Testing;
using Osvi.Simulator.Hosting;

namespace Osvi.Dashboard.EndToEnd;

/// <summary>The DND page in a real chromium on demo mode (the embedded simulator on a loopback port, reached through the
/// real client), signed in as the demo operator through the real form.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class DndTests(BrowserFixture browser, DndTests.DemoDashboard dashboard) : IClassFixture<DndTests.DemoDashboard>
{
    private const long HeldCampaign = 9;   // "Premium Leads Q2": inactive, so its queue waits for a dial

    /// <summary>One demo dashboard for the whole class.</summary>
    public sealed class DemoDashboard : KestrelDashboardFactory
    {
        private string? _baseUrl;

        public string BaseUrl => _baseUrl ??= StartAndGetBaseUrl();

        public EmbeddedSimulator Embedded => Services.GetRequiredService<EmbeddedSimulator>();
    }

    [Fact]
    public async Task AddNumber_QueuedCampaignCallToItIsSkipped_RemoveIt_BothChangesInTheAuditTrail()
    {
        _ = dashboard.BaseUrl;
        using var admin = SimulatorAdmin.For(dashboard.Embedded.BaseUrl);
        using var osvi = Osvi();
        var agent = await admin.AgentIdAsync("Appointment Reminder");
        const string blocked = "9861540001", other = "9862540002";
        await UploadContactsAsync(osvi, agent, [(blocked, "Asha Verma"), (other, "Ravi Kumar")]);
        Assert.Equal("in_progress", (await CampaignCallAsync(osvi, blocked)).GetProperty("status").GetString());

        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Operator);
        await page.GotoAsync("/dnd");
        await ChooseAgentAsync(page, "Appointment Reminder");
        await Assertions.Expect(page.Page.Locator("#dnd-total")).ToHaveAttributeAsync("data-total", "5");

        // Add: the number as a person types it, the E.164 form shown before sending, a reason.
        await page.Page.Locator("#dnd-add").ClickAsync();
        var dialog = page.Page.Locator(".mud-dialog", new() { HasText = "Add a number to DND" });
        await dialog.GetByLabel("Phone number").FillAsync("098615 40001");
        await Assertions.Expect(dialog.Locator("#dnd-add-e164 [data-e164]")).ToHaveTextAsync("+919861540001");
        await dialog.GetByLabel("Reason (optional)").FillAsync("Asked not to be called on the renewal call");
        await page.ScreenshotAsync("dnd-add-dialog");
        await page.Page.Locator("#dnd-add-submit").ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(page.Page.Locator(".mud-snackbar")).ToContainTextAsync("added to the DND list");
        await Assertions.Expect(page.Page.Locator("#dnd-total")).ToHaveAttributeAsync("data-total", "6");
        await Assertions.Expect(page.Page.Locator("#dnd-grid [data-phone='+919861540001']")).ToBeVisibleAsync();
        await page.ScreenshotAsync("dnd-list-light");

        // OSVI's calling engine skips the queued call to the blocked number; the campaign dials the other one.
        var skipped = await CampaignCallAsync(osvi, blocked);
        Assert.Equal(("failed", "dnd-skipped"), (skipped.GetProperty("status").GetString(), skipped.GetProperty("call_ended_reason").GetString()));
        Assert.Equal(JsonValueKind.Null, skipped.GetProperty("call_picked_at").ValueKind);
        await admin.SetCampaignStatusAsync(HeldCampaign, "active");
        await admin.AdvanceClockAsync(TimeSpan.FromMinutes(15));
        await admin.SetCampaignStatusAsync(HeldCampaign, "inactive");
        var dialled = await CampaignCallAsync(osvi, other);
        Assert.Equal("not_picked", dialled.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, dialled.GetProperty("call_picked_at").ValueKind);
        Assert.Equal("dnd-skipped", (await CampaignCallAsync(osvi, blocked)).GetProperty("call_ended_reason").GetString());

        // Remove, after the confirm step.
        await page.Page.Locator("#dnd-tabs").GetByLabel("Search numbers").FillAsync("61540001");
        await Assertions.Expect(page.Page.Locator("#dnd-total")).ToHaveAttributeAsync("data-total", "1");
        await page.Page.Locator("#dnd-grid .osvi-dnd-remove").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#dnd-remove-question")).ToContainTextAsync("+91 98615 40001");
        await page.Page.Locator("#dnd-remove-confirm").ClickAsync();
        await Assertions.Expect(page.Page.Locator(".mud-snackbar").Last).ToContainTextAsync("removed from the DND list");
        await Assertions.Expect(page.Page.Locator("#dnd-no-match")).ToBeVisibleAsync();
        Assert.Equal(0, await ListedCountAsync(osvi, agent, "9861540001"));

        // Both changes in the DND audit trail, newest first.
        await page.Page.GetByRole(AriaRole.Tab, new() { Name = "Audit trail" }).ClickAsync();
        await page.Page.Locator("#dnd-audit").GetByLabel("Number", new() { Exact = true }).FillAsync("9861540001");
        var rows = page.Page.Locator("#dnd-audit-grid tbody tr.osvi-dnd-audit-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0).Locator("[data-action]")).ToHaveAttributeAsync("data-action", "dnd.remove");
        await Assertions.Expect(rows.Nth(1).Locator("[data-action]")).ToHaveAttributeAsync("data-action", "dnd.add");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Asked not to be called on the renewal call");
        foreach (var row in new[] { rows.Nth(0), rows.Nth(1) })
        {
            await Assertions.Expect(row.Locator("[data-result]")).ToHaveAttributeAsync("data-result", "Succeeded");
            await Assertions.Expect(row.Locator("[data-user]")).ToHaveTextAsync(DemoAccounts.For(DashboardRoles.Operator).UserName);
            await Assertions.Expect(row.Locator("[data-source]")).ToHaveTextAsync("Manual");
            await Assertions.Expect(row.Locator("[data-phone]")).ToHaveAttributeAsync("data-phone", "+919861540001");
        }

        await page.ScreenshotAsync("dnd-audit-light");
        await CloseSnackbarsAsync(page);
        await page.AssertNoErrorsAsync("the DND page");
        await page.AssertAccessibleAsync("the DND audit trail");
    }

    [Fact]
    public async Task FromACallLink_WithoutAgent_OpensTheAddDialogOnceTheAgentIsChosen_AndTheTrailKeepsTheCall()
    {
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Operator);
        await page.GotoAsync("/dnd?add=%2B919863540001&call_id=6f1c2a4e-0000-4000-8000-0000000000e2");
        await Assertions.Expect(page.Page.Locator("#dnd-pending-add")).ToContainTextAsync("Choose the agent whose DND list gets +91 98635 40001");

        await ChooseAgentAsync(page, "EMI Payment Reminder");
        var dialog = page.Page.Locator(".mud-dialog", new() { HasText = "Add a number to DND" });
        await Assertions.Expect(dialog.Locator("#dnd-add-e164 [data-e164]")).ToHaveTextAsync("+919863540001");
        await Assertions.Expect(dialog.Locator("#dnd-add-from-call")).ToContainTextAsync("6f1c2a4e-0000-4000-8000-0000000000e2");
        await page.Page.Locator("#dnd-add-submit").ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(page.Page.Locator(".mud-snackbar")).ToContainTextAsync("added to the DND list");

        // The link is handled once: no second dialog, and the address no longer carries it.
        await page.Page.WaitForTimeoutAsync(1500);
        Assert.Equal(0, await page.Page.Locator(".mud-dialog").CountAsync());
        Assert.DoesNotContain("add=", page.Page.Url, StringComparison.Ordinal);
        Assert.Contains("agent_uuid=", page.Page.Url, StringComparison.Ordinal);

        await page.Page.GetByRole(AriaRole.Tab, new() { Name = "Audit trail" }).ClickAsync();
        await page.Page.Locator("#dnd-audit").GetByLabel("Number", new() { Exact = true }).FillAsync("9863540001");
        var row = page.Page.Locator("#dnd-audit-grid tbody tr.osvi-dnd-audit-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-source]")).ToHaveAttributeAsync("data-source", "from-call");
        await Assertions.Expect(row.Locator("a[href='calls/6f1c2a4e-0000-4000-8000-0000000000e2']")).ToBeVisibleAsync();
        await page.AssertNoErrorsAsync("the DND page opened from a call");
    }

    [Fact]
    public async Task ListStates_EmptyListAndOsviFailing_SayWhatItMeansAndRecover()
    {
        _ = dashboard.BaseUrl;
        using var admin = SimulatorAdmin.For(dashboard.Embedded.BaseUrl);
        var empty = await admin.AgentIdAsync("Support Line");   // active, nothing on its DND list
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Operator);

        await page.GotoAsync($"/dnd?agent_uuid={empty}");
        await Assertions.Expect(page.Page.Locator("#dnd-empty")).ToContainTextAsync("No numbers on this agent's DND list");
        await Assertions.Expect(page.Page.Locator("#dnd-total")).ToHaveAttributeAsync("data-total", "0");
        await page.ScreenshotAsync("dnd-list-empty");

        await admin.AddFaultAsync(new { kind = "error", method = "GET", route = "/v1/dnd_numbers" });
        try
        {
            await page.Page.Locator("#dnd-tabs").GetByLabel("Search numbers").FillAsync("98765");
            await Assertions.Expect(page.Page.Locator("#dnd-tabs .osvi-error")).ToContainTextAsync("Could not load the DND list: OSVI had an internal error",
                new() { Timeout = 30000 });
            Assert.Equal(0, await page.Page.Locator("#dnd-empty, #dnd-no-match").CountAsync());
            await page.ScreenshotAsync("dnd-list-error");
            await page.AssertAccessibleAsync("the DND list failing");
        }
        finally
        {
            await admin.ClearFaultsAsync();
        }

        await page.Page.Locator("#dnd-tabs .osvi-error-retry").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#dnd-no-match")).ToContainTextAsync("No number matches “98765”");
        await Assertions.Expect(page.Page.Locator("#dnd-tabs .osvi-error")).ToHaveCountAsync(0);
        await page.AssertNoErrorsAsync("the DND list states");
    }

    [Theory]
    [InlineData("light", 70)]
    [InlineData("dark", 71)]
    public async Task EveryTab_WithSimulatedData_RendersWithoutErrorsAndAccessibly(string theme, int variant)
    {
        _ = dashboard.BaseUrl;
        using var admin = SimulatorAdmin.For(dashboard.Embedded.BaseUrl);
        var agent = await admin.AgentIdAsync("Policy Renewals");
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, colorScheme: theme, signInAs: DashboardRoles.Operator);
        await page.GotoAsync($"/dnd?agent_uuid={agent}");
        // The browser's colour scheme is picked up once the circuit runs: let it settle before toggling by hand, or the
        // toggle may land just before the preference and undo it.
        try
        {
            await Assertions.Expect(page.Page.Locator("#render-state")).ToHaveAttributeAsync("data-theme", theme, new() { Timeout = 5000 });
        }
        catch (PlaywrightException)
        {
            await page.Page.Locator("#theme-toggle").ClickAsync();
            await Assertions.Expect(page.Page.Locator("#render-state")).ToHaveAttributeAsync("data-theme", theme, new() { Timeout = 15000 });
        }

        await Assertions.Expect(page.Page.Locator("#dnd-grid tbody tr.osvi-dnd-row").First).ToBeVisibleAsync();
        var listed = await page.Page.Locator("#dnd-grid [data-phone]").First.GetAttributeAsync("data-phone");
        await page.ScreenshotAsync($"dnd-list-{theme}");
        await page.AssertAccessibleAsync($"the DND list ({theme})");

        // Bulk: invalid, repeated and already-listed lines get their own outcome; the counts add up to the lines.
        await page.Page.GetByRole(AriaRole.Tab, new() { Name = "Bulk add or remove" }).ClickAsync();
        await page.Page.Locator("#dnd-bulk").GetByLabel("Numbers, one a line").FillAsync(
            $"98{variant}54 0003, wrong number\n98{variant}55 0003\n{listed}\n12345\n+91 98{variant}54 0003\n98{variant}56 0003; asked by email");
        await Assertions.Expect(page.Page.Locator("#dnd-bulk-preview [data-count=send]")).ToContainTextAsync("4 to send");
        await page.ScreenshotAsync($"dnd-bulk-preview-{theme}");
        await page.Page.Locator("#dnd-bulk-start").ClickAsync();
        await page.Page.Locator("#dnd-bulk-go").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#dnd-bulk-report")).ToHaveAttributeAsync("data-finished", "yes");
        var summary = page.Page.Locator("#dnd-bulk-summary");
        await Assertions.Expect(summary.Locator("[data-outcome=Added]")).ToHaveAttributeAsync("data-count", "3");
        await Assertions.Expect(summary.Locator("[data-outcome=AlreadyListed]")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(summary.Locator("[data-outcome=Invalid]")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(summary.Locator("[data-outcome=Repeated]")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(page.Page.Locator("#dnd-bulk-report tbody tr[data-line]")).ToHaveCountAsync(6);
        await CloseSnackbarsAsync(page);
        await page.ScreenshotAsync($"dnd-bulk-report-{theme}");
        await page.AssertAccessibleAsync($"the bulk report ({theme})");

        // Is this number blocked? Across every active agent. A number this row just added to this agent alone: the first
        // listed number may be on another agent's list too, put there by another test of the shared dashboard.
        await page.Page.GetByRole(AriaRole.Tab, new() { Name = "Is this number blocked?" }).ClickAsync();
        await page.Page.Locator("#dnd-check").GetByLabel("Phone number").FillAsync($"+91 98{variant}55 0003");
        await page.Page.Locator("#dnd-check-run").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#dnd-check-verdict")).ToHaveAttributeAsync("data-blocked", "1");
        await Assertions.Expect(page.Page.Locator($"#dnd-check-table tr[data-agent-id='{agent}']")).ToHaveAttributeAsync("data-state", "Blocked");
        await page.ScreenshotAsync($"dnd-check-{theme}");
        await page.AssertAccessibleAsync($"the number check ({theme})");

        // The audit trail shows the bulk lines that were sent (four), not the invalid or repeated ones.
        await page.Page.GetByRole(AriaRole.Tab, new() { Name = "Audit trail" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#dnd-audit-grid tbody tr.osvi-dnd-audit-row [data-source=bulk]")).Not.ToHaveCountAsync(0);
        await page.ScreenshotAsync($"dnd-audit-{theme}");
        await page.AssertAccessibleAsync($"the DND audit trail ({theme})");
        await page.AssertNoErrorsAsync($"the DND page ({theme})");
    }

    // Snackbars fade in and out; axe measures their text against a half-transparent background mid-fade.
    private static async Task CloseSnackbarsAsync(DashboardBrowser page)
    {
        foreach (var close in await page.Page.Locator(".mud-snackbar button").AllAsync())
        {
            await close.ClickAsync();
        }

        await Assertions.Expect(page.Page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
    }

    private HttpClient Osvi()
    {
        var client = new HttpClient { BaseAddress = dashboard.Embedded.BaseUrl };
        client.DefaultRequestHeaders.Add("API-Token", dashboard.Embedded.ApiToken);
        return client;
    }

    private static async Task ChooseAgentAsync(DashboardBrowser page, string name)
    {
        // The picker lists the active agents once the shared feed has them.
        await Assertions.Expect(page.Page.Locator("#dnd-agent input").First).ToBeEnabledAsync();
        await page.Page.Locator("#dnd-agent .mud-select").First.ClickAsync();
        await page.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = name }).First.ClickAsync();
        await Assertions.Expect(page.Page.Locator("#dnd-grid")).ToBeVisibleAsync();
    }

    private static async Task UploadContactsAsync(HttpClient osvi, string agent, (string Phone, string Name)[] contacts)
    {
        using var response = await osvi.PostAsJsonAsync($"/v1/campaigns/{HeldCampaign}/contacts", new
        {
            agent_uuid = agent,
            enqueue = true,
            contacts = contacts.Select(contact => new { phone = contact.Phone, person_name = contact.Name }).ToArray(),
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        Assert.Equal(contacts.Length, body.GetProperty("data").GetProperty("queued_calls").GetInt32());
    }

    private static async Task<JsonElement> CampaignCallAsync(HttpClient osvi, string phone)
    {
        var body = await osvi.GetFromJsonAsync<JsonElement>($"/v1/calls?campaign_id={HeldCampaign}&phone_number={phone}");
        return Assert.Single(body.GetProperty("data").EnumerateArray().ToList());
    }

    private static async Task<int> ListedCountAsync(HttpClient osvi, string agent, string search)
    {
        var body = await osvi.GetFromJsonAsync<JsonElement>($"/v1/dnd_numbers?agent_uuid={Uri.EscapeDataString(agent)}&search={search}");
        return body.GetProperty("meta").GetProperty("total_count").GetInt32();
    }
}
