using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Osvi.Dashboard.Components.Layout;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Testing;
using Osvi.Simulator.Hosting;

namespace Osvi.Dashboard.EndToEnd;

/// <summary>Sign-in, roles, kiosk links, the admin pages and the Content-Security-Policy in a real chromium, on demo mode.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed partial class SecurityTests(BrowserFixture browser, SecurityTests.SecureDashboard dashboard) : IClassFixture<SecurityTests.SecureDashboard>
{
    /// <summary>One demo dashboard for the class, with sessions revalidated every 2 s (a revoked kiosk link shows quickly).</summary>
    public sealed class SecureDashboard : KestrelDashboardFactory
    {
        private string? _baseUrl;

        public SecureDashboard() => WithSetting(DashboardConfigNames.RevalidationInterval, "00:00:02");

        public string BaseUrl => _baseUrl ??= StartAndGetBaseUrl();
    }

    [Fact]
    public async Task SignIn_PageAsked_GoesThroughTheFormToThatPageAndSignOutEndsTheSession()
    {
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl);

        await page.Page.GotoAsync(dashboard.BaseUrl + "/calls");
        Assert.Contains("/account/sign-in?returnUrl=%2Fcalls", page.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Page.Locator("h1")).ToHaveTextAsync("Sign in");
        await Assertions.Expect(page.Page.Locator("#demo-accounts")).ToContainTextAsync("demo-operator");
        await page.AssertAccessibleAsync("the sign-in page");
        await page.ScreenshotAsync("sign-in-light");

        await page.Page.Locator("#sign-in-user").FillAsync("demo-operator");
        await page.Page.Locator("#sign-in-password").FillAsync("osvi-operator-demo");
        await page.Page.Locator("#sign-in-submit").ClickAsync();
        await page.Page.WaitForURLAsync(dashboard.BaseUrl + "/calls");
        await page.WaitInteractiveAsync();
        await Assertions.Expect(page.Page.Locator("#user-menu button").First).ToHaveTextAsync(new Regex("demo-operator · Operator"));
        await page.AssertNoErrorsAsync("the calls page after signing in");

        await Session.SignOutAsync(page.Page);
        await Assertions.Expect(page.Page.Locator("#sign-in-message")).ToHaveTextAsync(new Regex("You are signed out"));
        await page.Page.GotoAsync(dashboard.BaseUrl + "/");
        Assert.Contains("/account/sign-in", page.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoKeepsTheUserNameAndDropsThePassword()
    {
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, colorScheme: "dark");
        await page.Page.GotoAsync(dashboard.BaseUrl + "/account/sign-in");

        await page.Page.Locator("#sign-in-user").FillAsync("demo-viewer");
        await page.Page.Locator("#sign-in-password").FillAsync("not-the-password");
        await page.Page.Locator("#sign-in-submit").ClickAsync();

        await Assertions.Expect(page.Page.Locator("#sign-in-message")).ToHaveTextAsync(new Regex("user name or password is not right"));
        await Assertions.Expect(page.Page.Locator("#sign-in-user")).ToHaveValueAsync("demo-viewer");
        await Assertions.Expect(page.Page.Locator("#sign-in-password")).ToHaveValueAsync("");
        await page.AssertAccessibleAsync("the sign-in page with an error, dark");
        await page.AssertNoErrorsAsync("the sign-in page");
        await page.ScreenshotAsync("sign-in-dark-error");
    }

    [Fact]
    public async Task Viewer_SignedIn_SeesNoAdministrationAndIsRefusedItOnTheServerAndInTheCircuit()
    {
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Viewer);

        await Assertions.Expect(page.Page.Locator(".osvi-nav a", new() { HasText = "Overview" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Page.Locator("#nav-administration").CountAsync());
        foreach (var item in NavigationItems.All.Where(item => item.Requires is not null))
        {
            Assert.Equal(0, await page.Page.Locator(".osvi-nav a", new() { HasText = item.Title }).CountAsync());
        }

        // A page request is refused by the server (403 → the access-denied page).
        await page.Page.GotoAsync(dashboard.BaseUrl + "/admin/users");
        Assert.Contains("/account/access-denied", page.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Page.Locator("h1")).ToHaveTextAsync("This page is not for your role");
        await page.AssertAccessibleAsync("the access-denied page");

        // A link followed inside the live circuit never reaches the HTTP pipeline: the page gate refuses it there. (A
        // forged link: the viewer's pages have none to /audit.)
        await page.GotoAsync("/");
        await page.Page.EvaluateAsync("() => { const a = document.createElement('a'); a.href = 'audit'; a.id = 'forged'; document.body.appendChild(a); a.click(); }");
        await Assertions.Expect(page.Page.Locator("#page-denied")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Page.Locator("#audit-table").CountAsync());
        Assert.EndsWith("/audit", page.Page.Url, StringComparison.Ordinal);
        await page.ScreenshotAsync("viewer-denied-in-circuit");

        // The export endpoint refuses too.
        var export = await page.Context.APIRequest.GetAsync(dashboard.BaseUrl + "/audit/export.csv");
        Assert.Equal(403, export.Status);
        await page.AssertNoErrorsAsync("the viewer's pages");
    }

    [Fact]
    public async Task KioskLink_AdminCreatesIt_FreshBrowserSeesOnlyTheWallboardUntilRevoked()
    {
        await using var admin = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Admin);
        await admin.GotoAsync("/admin/kiosk");
        await admin.Page.Locator("#new-kiosk").ClickAsync();
        await admin.Page.Locator("#new-kiosk-name").FillAsync("Pune office TV");
        await admin.Page.Locator("#new-kiosk-submit").ClickAsync();
        var url = (await admin.Page.Locator("#new-kiosk-url code").TextContentAsync())!.Trim();
        Assert.Matches(@"/kiosk\?key=[A-Za-z0-9_-]{43}$", url);
        await admin.ScreenshotAsync("admin-kiosk-created");
        await admin.Page.Locator("#new-kiosk-done").ClickAsync();
        var row = admin.Page.Locator("#kiosk-table tr", new() { HasText = "Pune office TV" });
        await Assertions.Expect(row.Locator("[data-status=active]")).ToBeVisibleAsync();

        await using var screen = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, colorScheme: "dark");
        await screen.Page.GotoAsync(url);
        await screen.Page.WaitForURLAsync(dashboard.BaseUrl + "/monitor");
        await screen.WaitInteractiveAsync();
        await Assertions.Expect(screen.Page.Locator("h1")).ToHaveTextAsync("Campaigns live");
        Assert.Equal(0, await screen.Page.Locator(".osvi-wallboard-exit").CountAsync());
        await screen.AssertNoErrorsAsync("the wallboard opened with a kiosk link");
        await screen.ScreenshotAsync("kiosk-wallboard");

        // Nothing else: pages, endpoints.
        foreach (var path in new[] { "/", "/calls", "/audit", "/admin/users", "/account/password" })
        {
            await screen.Page.GotoAsync(dashboard.BaseUrl + path);
            Assert.Contains("/account/access-denied", screen.Page.Url, StringComparison.Ordinal);
        }

        await Assertions.Expect(screen.Page.Locator("#main-content")).ToContainTextAsync("kiosk link");
        Assert.Equal(403, (await screen.Context.APIRequest.GetAsync(dashboard.BaseUrl + "/audit/export.csv")).Status);

        // Back on the wallboard, revoke: the live page ends within the revalidation interval, and the next load is refused.
        await screen.Page.GotoAsync(dashboard.BaseUrl + "/monitor");
        await screen.WaitInteractiveAsync();
        await admin.Page.Locator($"#kiosk-table tr:has-text('Pune office TV') [data-revoke]").ClickAsync();
        await admin.Page.Locator(".mud-dialog button", new() { HasText = "Revoke" }).ClickAsync();
        await Assertions.Expect(row.Locator("[data-status=revoked]")).ToBeVisibleAsync();
        await Assertions.Expect(screen.Page.Locator("#kiosk-ended")).ToBeVisibleAsync(new() { Timeout = 15000 });
        Assert.Equal(0, await screen.Page.Locator("h1", new() { HasText = "Campaigns live" }).CountAsync());
        await screen.ScreenshotAsync("kiosk-ended");

        await screen.Page.GotoAsync(dashboard.BaseUrl + "/monitor");
        Assert.Contains("/account/sign-in", screen.Page.Url, StringComparison.Ordinal);
        await screen.Page.GotoAsync(url);
        await Assertions.Expect(screen.Page.Locator("#kiosk-problem")).ToHaveAttributeAsync("data-outcome", "Revoked");
    }

    [Fact]
    public async Task AdminPages_LightAndDark_LookRightPassAxeAndLogNoErrors()
    {
        foreach (var scheme in new[] { "light", "dark" })
        {
            await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, colorScheme: scheme, signInAs: DashboardRoles.Admin);
            foreach (var (path, name, ready) in new[]
            {
                ("/admin/users", "users", "#accounts-table"),
                ("/admin/kiosk", "kiosk", "#kiosk-links"),
                ("/admin/settings", "settings", "#setting-mask"),
                ("/audit", "audit", "#audit-table"),
            })
            {
                await page.GotoAsync(path);
                await Assertions.Expect(page.Page.Locator(ready)).ToBeVisibleAsync();
                // The browser's colour scheme is applied once the circuit runs; axe must not measure the page mid-switch.
                await Assertions.Expect(page.Page.Locator("#render-state")).ToHaveAttributeAsync("data-theme", scheme, new() { Timeout = 15000 });
                await page.Page.WaitForFunctionAsync("() => document.getAnimations().every(animation => animation.playState !== 'running')", null, new() { Timeout = 15000 });
                await page.AssertNoErrorsAsync(path);
                await page.AssertAccessibleAsync($"{path} ({scheme})");
                await page.ScreenshotAsync($"admin-{name}-{scheme}");
            }

            await page.Page.GotoAsync(dashboard.BaseUrl + "/account/password");
            await Assertions.Expect(page.Page.Locator("h1")).ToHaveTextAsync("Change your password");
            await page.AssertAccessibleAsync($"change password ({scheme})");
            await page.ScreenshotAsync($"account-password-{scheme}");
        }
    }

    [Fact]
    public async Task Admin_CreatesAUserWhoSignsInAndSeesTheAuditEntries()
    {
        await using var admin = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Admin);
        await admin.GotoAsync("/admin/users");
        await admin.Page.Locator("#new-user").ClickAsync();
        await admin.Page.Locator("#new-user-name").FillAsync("tara");
        await admin.Page.Locator("#new-user-submit").ClickAsync();
        var password = (await admin.Page.Locator("#new-user-password code").TextContentAsync())!.Trim();
        await admin.Page.Locator("#new-user-done").ClickAsync();
        await Assertions.Expect(admin.Page.Locator("#accounts-table [data-user=tara]")).ToBeVisibleAsync();

        await using var tara = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl);
        await Session.SignInWithPasswordAsync(tara.Page, dashboard.BaseUrl, "tara", password);
        await Assertions.Expect(tara.Page.Locator("#user-menu button").First).ToHaveTextAsync(new Regex("tara · Viewer"));

        await admin.GotoAsync("/audit?target=tara");
        await Assertions.Expect(admin.Page.Locator("#audit-table [data-action='user.create']")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Page.Locator("#audit-table [data-action='account.sign-in']")).ToBeVisibleAsync();
        var download = await admin.Page.RunAndWaitForDownloadAsync(() => admin.Page.Locator("#audit-export").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("id,occurred_at_utc,user", csv, StringComparison.Ordinal);
        Assert.Contains("user.create", csv, StringComparison.Ordinal);
        await admin.AssertNoErrorsAsync("the audit page");
    }

    [Fact]
    public async Task TokenIsolation_ShellAndAdminPages_TheTokenIsInNoResponseFrameConsoleOrLog()
    {
        _ = dashboard.BaseUrl;
        var token = dashboard.Services.GetRequiredService<EmbeddedSimulator>().ApiToken;
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl);
        var capture = TrafficCapture.Attach(page.Context);

        await Session.SignInAsync(page.Page, dashboard.BaseUrl, DashboardRoles.Admin);
        foreach (var item in NavigationItems.All)
        {
            await page.GotoAsync("/" + item.Href);
            await Assertions.Expect(page.Page.Locator("h1").First).ToBeVisibleAsync();
        }

        // Let the live feeds push at least one update through the circuit.
        await page.GotoAsync("/");
        await Assertions.Expect(page.Page.Locator("#osvi-connection")).ToHaveAttributeAsync("data-state", "reachable", new() { Timeout = 20000 });

        Assert.True(capture.Responses > 10 && capture.Frames > 10, $"captured {capture.Responses} responses and {capture.Frames} frames");
        Assert.True(await capture.SawAsync("Overview", "ws received"), "The circuit's frames are captured as text (positive control).");
        Assert.Empty(await capture.FindAsync(token));
        Assert.DoesNotContain(token, dashboard.Logs.Text, StringComparison.Ordinal);
    }
}
