using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Osvi.Dashboard.Components.Layout;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Testing;
using Osvi.Simulator.Hosting;

namespace Osvi.Dashboard.EndToEnd;

/// <summary>A real chromium on the dashboard in demo mode (the embedded simulator on a loopback port).</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class ShellTests(BrowserFixture browser, ShellTests.DemoDashboard dashboard) : IClassFixture<ShellTests.DemoDashboard>
{
    /// <summary>One demo dashboard for the whole class.</summary>
    public sealed class DemoDashboard : KestrelDashboardFactory
    {
        private string? _baseUrl;

        public string BaseUrl => _baseUrl ??= StartAndGetBaseUrl();
    }

    [Fact]
    public async Task Overview_DemoMode_ShowsShellBannerAndSections()
    {
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Admin);

        await page.GotoAsync("/");

        await Assertions.Expect(page.Page.Locator("h1")).ToHaveTextAsync("Overview");
        await Assertions.Expect(page.Page.Locator("#demo-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.Locator("#mode-badge")).ToHaveTextAsync("Demo");
        foreach (var section in new[] { "#stat-calls-today", "#stat-active-agents", "#stat-osvi", "#calls-by-status", "#active-agents", "#watched-campaigns" })
        {
            await Assertions.Expect(page.Page.Locator(section)).ToBeVisibleAsync();
        }

        // Watched campaigns come from the dashboard's own database: none yet, so the empty state points to Campaigns.
        await Assertions.Expect(page.Page.Locator("#watched-campaigns")).ToContainTextAsync("No watched campaigns yet");
        await page.AssertNoErrorsAsync("the overview");
        await page.ScreenshotAsync("overview-light");
    }

    [Fact]
    public async Task Overview_DemoMode_ShowsRealSimulatedNumbers()
    {
        _ = dashboard.BaseUrl;
        var simulator = dashboard.Services.GetRequiredService<EmbeddedSimulator>();
        using var osvi = new HttpClient { BaseAddress = simulator.BaseUrl };
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Admin);
        var clock = dashboard.Services.GetRequiredService<DashboardClock>();
        var (start, end) = clock.DayBounds(clock.Today);
        var before = await TotalCallsAsync(osvi, simulator.ApiToken, start, end);

        await page.GotoAsync("/");
        // The dashboard's numbers, read after they were fetched at least once after "before".
        var loadedAt = DateTimeOffset.UtcNow;
        await page.Page.WaitForFunctionAsync(
            "t => { const e = document.querySelector('#last-updated'); return e && Number(e.dataset.updated) >= t; }",
            loadedAt.ToUnixTimeMilliseconds(), new() { Timeout = 60_000 });
        var shownTotal = int.Parse(await page.Page.Locator("#stat-calls-today .osvi-stat-value").GetAttributeAsync("data-value") ?? "-1",
            NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var after = await TotalCallsAsync(osvi, simulator.ApiToken, start, end);

        // The simulated clock keeps dialling calls, so today's total only grows: the page's number lies between two reads.
        Assert.InRange(shownTotal, before, after);
        var agents = await ActiveAgentCountAsync(osvi, simulator.ApiToken);
        Assert.True(agents > 0, "The seeded simulator has active agents.");
        await Assertions.Expect(page.Page.Locator("#stat-active-agents .osvi-stat-value")).ToHaveAttributeAsync("data-value", agents.ToString("N0", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Page.Locator("#osvi-connection")).ToHaveAttributeAsync("data-state", "reachable");
        await page.AssertNoErrorsAsync("the overview with data");
        await page.ScreenshotAsync("overview-data");
    }

    [Fact]
    public async Task Theme_Toggle_SwitchesAndIsRememberedAfterReload()
    {
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, colorScheme: "light", signInAs: DashboardRoles.Viewer);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Page.Locator("#render-state")).ToHaveAttributeAsync("data-theme", "light");

        await page.Page.Locator("#theme-toggle").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#render-state")).ToHaveAttributeAsync("data-theme", "dark");
        var background = await page.Page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.mud-main-content')).backgroundColor");
        await page.ScreenshotAsync("overview-dark");
        await page.AssertAccessibleAsync("the overview in the dark theme");

        await page.Page.ReloadAsync();
        await page.WaitInteractiveAsync();
        await Assertions.Expect(page.Page.Locator("#render-state")).ToHaveAttributeAsync("data-theme", "dark");
        Assert.Contains("osvi-theme-dark", await page.Page.Locator("html").GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.NotEqual("rgb(245, 246, 250)", background);

        await page.Page.Locator("#theme-toggle").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#render-state")).ToHaveAttributeAsync("data-theme", "light");
        await page.AssertNoErrorsAsync("the theme switch");
    }

    [Fact]
    public async Task Drawer_WideScreen_PushesThePageAndTheMenuButtonHidesIt()
    {
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Viewer);
        await page.GotoAsync("/agents");
        var drawer = page.Page.Locator("#osvi-drawer");
        var main = page.Page.Locator(".mud-main-content");

        await Assertions.Expect(drawer).ToBeInViewportAsync();
        Assert.Equal("232px", await main.EvaluateAsync<string>("m => getComputedStyle(m).marginLeft"));

        await page.Page.Locator("#drawer-toggle").ClickAsync();
        await Assertions.Expect(drawer).Not.ToBeInViewportAsync();
        await Assertions.Expect(page.Page.Locator("#drawer-toggle")).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(main).ToHaveCSSAsync("margin-left", "0px");
        await Assertions.Expect(page.Page.Locator(".mud-drawer-overlay")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("drawer-wide-closed");

        await page.Page.Locator("#drawer-toggle").ClickAsync();
        await Assertions.Expect(drawer).ToBeInViewportAsync();
        await Assertions.Expect(main).ToHaveCSSAsync("margin-left", "232px");
        await page.AssertNoErrorsAsync("the drawer on a wide screen");
    }

    [Fact]
    public async Task Drawer_NarrowScreen_StartsHiddenOpensOverThePageAndClosesAfterAChoice()
    {
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Viewer, width: 800, height: 900);
        await page.GotoAsync("/agents");
        var drawer = page.Page.Locator("#osvi-drawer");
        var overlay = page.Page.Locator(".mud-drawer-overlay");

        await Assertions.Expect(drawer).Not.ToBeInViewportAsync();
        await Assertions.Expect(page.Page.Locator("#drawer-toggle")).ToHaveAttributeAsync("aria-expanded", "false");
        Assert.Equal("0px", await page.Page.Locator(".mud-main-content").EvaluateAsync<string>("m => getComputedStyle(m).marginLeft"));

        await page.Page.Locator("#drawer-toggle").ClickAsync();
        await Assertions.Expect(drawer).ToBeInViewportAsync();
        await Assertions.Expect(overlay).ToBeVisibleAsync();
        await page.ScreenshotAsync("drawer-narrow-open");

        await drawer.Locator("a", new() { HasText = "Calls" }).ClickAsync();
        await page.Page.WaitForURLAsync(dashboard.BaseUrl + "/calls");
        await Assertions.Expect(drawer).Not.ToBeInViewportAsync();
        await Assertions.Expect(overlay).ToHaveCountAsync(0);

        await page.Page.Locator("#drawer-toggle").ClickAsync();
        await Assertions.Expect(drawer).ToBeInViewportAsync();
        await overlay.ClickAsync(new() { Position = new() { X = 700, Y = 400 } });
        await Assertions.Expect(drawer).Not.ToBeInViewportAsync();
        await page.AssertNoErrorsAsync("the drawer on a narrow screen");
    }

    [Fact]
    public async Task Navigation_EveryMenuEntry_OpensItsPageWithoutError()
    {
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Admin);
        await page.GotoAsync("/");

        foreach (var item in NavigationItems.All)
        {
            var link = page.Page.Locator(".osvi-nav a", new() { HasText = item.Title }).First;
            await link.ClickAsync();
            await page.Page.WaitForURLAsync(dashboard.BaseUrl + "/" + item.Href);
            await Assertions.Expect(page.Page.Locator("h1")).ToBeVisibleAsync();
            if (item.Href != "monitor")
            {
                // The menu marks the page it is on, and only that one: the mark follows in-app navigation.
                await Assertions.Expect(page.Page.Locator(".osvi-nav a.active[aria-current=page]")).ToHaveTextAsync(item.Title);
            }

            await page.AssertNoErrorsAsync(item.Title);
            await page.AssertAccessibleAsync(item.Title);
            await page.ScreenshotAsync("page-" + (item.Href.Length == 0 ? "overview" : item.Href.Replace('/', '-')));

            if (page.Page.Url.EndsWith("/monitor", StringComparison.Ordinal))
            {
                // The wallboard has no menu: leave it through its own link.
                await page.Page.Locator(".osvi-wallboard-exit").ClickAsync();
                await Assertions.Expect(page.Page.Locator("h1")).ToHaveTextAsync("Overview");
            }
        }
    }

    [Fact]
    public async Task UserMenu_ClickEscapeFocusAndClickElsewhere_OpensAndClosesThePopup()
    {
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Operator);
        await page.GotoAsync("/");
        var toggle = page.Page.Locator("#user-menu > button");
        var popup = page.Page.Locator("#user-menu-popup");
        await Assertions.Expect(popup).ToBeHiddenAsync();

        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(page.Page.Locator("#user-change-password")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.Locator("#sign-out")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("the open user menu");
        await page.ScreenshotAsync("user-menu-open");
        await toggle.ClickAsync();
        await Assertions.Expect(popup).ToBeHiddenAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");

        // Keyboard: into the menu, Escape closes it and returns to the button.
        await toggle.ClickAsync();
        await page.Page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Page.Locator("#user-change-password")).ToBeFocusedAsync();
        await Assertions.Expect(popup).ToBeVisibleAsync();
        await page.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(popup).ToBeHiddenAsync();
        await Assertions.Expect(toggle).ToBeFocusedAsync();

        // Focus leaving it, and a click elsewhere, close it.
        await toggle.ClickAsync();
        await Assertions.Expect(popup).ToBeVisibleAsync();
        await page.Page.Locator("#theme-toggle").FocusAsync();
        await Assertions.Expect(popup).ToBeHiddenAsync();
        await toggle.ClickAsync();
        await Assertions.Expect(popup).ToBeVisibleAsync();
        await page.Page.Locator("h1").ClickAsync();
        await Assertions.Expect(popup).ToBeHiddenAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await page.AssertNoErrorsAsync("the user menu");
    }

    [Fact]
    public async Task ThemeToggle_Hover_ShowsItsTooltip()
    {
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Viewer);
        await page.GotoAsync("/");
        const string host = "document.querySelector('#theme-toggle').closest('[data-osvi-tip]')";
        const string tip = $"getComputedStyle({host}, '::after')";
        Assert.Equal("0", await page.Page.EvaluateAsync<string>($"() => {tip}.opacity"));

        await page.Page.Locator("#theme-toggle").HoverAsync();

        await page.Page.WaitForFunctionAsync($"() => {tip}.opacity === '1'");
        Assert.Equal("\"Switch to the dark theme\"", await page.Page.EvaluateAsync<string>($"() => {tip}.content"));
        // Not clipped by the element that carries it (a mud-ripple button would hide it: overflow hidden).
        Assert.Equal("visible", await page.Page.EvaluateAsync<string>($"() => getComputedStyle({host}).overflow"));
    }

    [Fact]
    public async Task Overview_Axe_NoSeriousOrCriticalViolationInLightTheme()
    {
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Admin);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Page.Locator("#osvi-connection")).Not.ToHaveAttributeAsync("data-state", "checking", new() { Timeout = 20000 });

        await page.AssertAccessibleAsync("the overview");
    }

    [Fact]
    public async Task UnknownAddress_OpenedDirectly_ShowsNotFoundInsideTheShell()
    {
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Admin);

        var response = await page.Page.GotoAsync(dashboard.BaseUrl + "/no/such/page");
        await page.WaitInteractiveAsync();

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Page.Locator("h1")).ToHaveTextAsync("Page not found");
        await Assertions.Expect(page.Page.Locator(".osvi-nav")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("the not-found page");
    }

    private static async Task<int> TotalCallsAsync(HttpClient osvi, string token, string start, string end)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/v1/calls?per_page=1&start_date={Uri.EscapeDataString(start)}&end_date={Uri.EscapeDataString(end)}");
        request.Headers.Add("API-Token", token);
        using var response = await osvi.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("meta").GetProperty("total_count").GetInt32();
    }

    private static async Task<int> ActiveAgentCountAsync(HttpClient osvi, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/active_agents");
        request.Headers.Add("API-Token", token);
        using var response = await osvi.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength();
    }
}
