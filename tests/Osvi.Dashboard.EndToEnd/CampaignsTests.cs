using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Osvi.Dashboard.Data;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Admin;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Testing;
using Osvi.Simulator.Hosting;

namespace Osvi.Dashboard.EndToEnd;

/// <summary>Campaigns in chromium against the dashboard in demo mode (the embedded simulator on a loopback port):
/// watch a campaign, upload contacts with good and bad rows, fix them, enqueue, and see progress move on the campaign
/// page and the wallboard; the wallboard under an OSVI outage; every page at 1920×1080 in both themes. Staff sign in
/// through the real form as the demo operator; the wallboard is opened through a kiosk link, as an office TV is.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class CampaignsTests(BrowserFixture browser)
{
    private const long Feedback = 11;   // "Post-visit Feedback": active, every earlier contact already dialled
    private const string ContactsRoute = "/v1/campaigns/{id}/contacts";
    private const float Patience = 30_000;

    private const string WithBadRows = """
        phone,person_name,plan
        9876543210,Ravi Kumar,Pro
        12345,Bad Number,Basic
        +91 98765 00000,Anita Desai,Basic
        98765 43210,Ravi K,Pro
        98450 11223,Meera Nair,Gold

        ,No Phone,Gold
        """;

    private const string Fixed = """
        phone,person_name,plan
        9876543210,Ravi Kumar,Pro
        9876512345,Bad Number,Basic
        +91 98765 00000,Anita Desai,Basic
        98765 43210,Ravi K,Pro
        98450 11223,Meera Nair,Gold
        9845099887,No Phone,Gold
        """;

    [Fact]
    public async Task Upload_CsvWithBadRowsFixedAndEnqueued_IsSentOnceAndProgressMovesOnTheCampaignPageAndTheWallboard()
    {
        await using var dashboard = new KestrelDashboardFactory();
        var baseUrl = dashboard.StartAndGetBaseUrl();
        using var admin = SimulatorAdmin.For(dashboard.Services.GetRequiredService<EmbeddedSimulator>().BaseUrl);
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, baseUrl, signInAs: DashboardRoles.Operator, width: 1920, height: 1080);

        // Watch the campaign by its id.
        await page.GotoAsync("/campaigns");
        await page.Page.Locator("#watch-campaign-id").FillAsync(Feedback.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Page.Locator("#watch-submit").ClickAsync();
        var row = page.Page.Locator($"tr[data-campaign-id='{Feedback}']");
        await Assertions.Expect(row.Locator(".osvi-campaign-name")).ToHaveTextAsync("Post-visit Feedback", new() { Timeout = Patience });

        // Upload a file with bad rows: they are listed with their lines, and nothing can be sent.
        await row.Locator($"a[href='campaigns/{Feedback}/upload']").ClickAsync();
        await page.WaitInteractiveAsync();
        await page.ChooseFileAsync("#contacts-file", new FilePayload { Name = "contacts.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(WithBadRows) });
        var preview = page.Page.Locator("#contact-preview");
        await Assertions.Expect(preview).ToHaveAttributeAsync("data-invalid", "2", new() { Timeout = Patience });
        await Assertions.Expect(page.Page.Locator("#bad-rows")).ToContainTextAsync("lines 3, 8");
        await Assertions.Expect(page.Page.Locator("#review-send")).ToBeDisabledAsync();

        // Fix the file as text and check it again.
        await page.Page.Locator("#edit-as-text").ClickAsync();
        await page.Page.Locator("#contacts-paste").FillAsync(Fixed);
        await page.Page.Locator("#read-pasted").ClickAsync();
        await Assertions.Expect(preview).ToHaveAttributeAsync("data-invalid", "0", new() { Timeout = Patience });
        await Assertions.Expect(preview).ToHaveAttributeAsync("data-ready", "5");
        await Assertions.Expect(preview).ToHaveAttributeAsync("data-duplicates", "1");

        // Enqueue, confirm, send.
        await page.Page.Locator("#upload-enqueue").CheckAsync();
        await page.Page.Locator("#review-send").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#upload-confirm")).ToContainTextAsync("Send 5 contacts to “Post-visit Feedback”?", new() { Timeout = Patience });
        await page.Page.Locator("#confirm-send").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#upload-report")).ToHaveAttributeAsync("data-finished", "true", new() { Timeout = Patience });
        await Assertions.Expect(page.Page.Locator("#report-outcome")).ToHaveAttributeAsync("data-outcome", "succeeded");
        await Assertions.Expect(page.Page.Locator("#report-outcome")).ToContainTextAsync("5 calls queued");
        Assert.Equal(1, await admin.RequestCountAsync("POST", ContactsRoute));
        await page.AssertNoErrorsAsync("the upload page");

        // The simulated world runs fast: the queue drains on the campaign page and on the wallboard.
        await page.Page.Locator("#open-campaign").ClickAsync();
        await page.WaitInteractiveAsync();
        var progress = page.Page.Locator("#campaign-progress .osvi-progress");
        await Assertions.Expect(progress).ToContainTextAsync("of 5 queued contacts dialled", new() { Timeout = Patience });
        await Assertions.Expect(progress).Not.ToHaveAttributeAsync("data-progress", "1");
        await using var wall = await OpenKioskWallboardAsync(dashboard, baseUrl);
        var tile = wall.Page.Locator($".osvi-tile[data-campaign-id='{Feedback}']");
        await Assertions.Expect(tile.Locator(".osvi-tile-name")).ToHaveTextAsync("Post-visit Feedback", new() { Timeout = Patience });
        var wallProgress = tile.Locator(".osvi-progress");
        await Assertions.Expect(wallProgress).Not.ToHaveAttributeAsync("data-progress", "1", new() { Timeout = Patience });

        // Speed the simulated world up: the agent dials the five contacts and both screens follow without a reload.
        await admin.SetClockSpeedAsync(120);
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-progress", "1", new() { Timeout = 90_000 });
        await Assertions.Expect(progress).ToContainTextAsync("Every upload's queue has drained");
        await Assertions.Expect(wallProgress).ToHaveAttributeAsync("data-progress", "1", new() { Timeout = Patience });
        await page.AssertNoErrorsAsync("the campaign page");
        await wall.AssertNoErrorsAsync("the wallboard");
    }

    [Fact]
    public async Task Wallboard_OsviDown_ShowsStaleNotErrorsAndRecoversByItself()
    {
        await using var dashboard = new KestrelDashboardFactory();
        dashboard.WithSetting(CampaignConfigNames.StaleAfter, "00:00:06")
            .WithSetting("OsviApi:CircuitBreakerMinimumThroughput", "4")
            .WithSetting("OsviApi:CircuitBreakerBreakDuration", "00:00:05")
            .WithSetting("OsviApi:RetryBaseDelay", "00:00:00.05");
        var baseUrl = dashboard.StartAndGetBaseUrl();
        await WatchAsync(dashboard, 7, 8);
        using var admin = SimulatorAdmin.For(dashboard.Services.GetRequiredService<EmbeddedSimulator>().BaseUrl);
        await using var wall = await OpenKioskWallboardAsync(dashboard, baseUrl);
        var board = wall.Page.Locator(".osvi-wall");
        var june = wall.Page.Locator(".osvi-tile[data-campaign-id='7']");
        await Assertions.Expect(june.Locator("[data-figure=pickup]")).ToContainTextAsync("%", new() { Timeout = Patience });
        await Assertions.Expect(board).ToHaveAttributeAsync("data-stale", "false");
        var pickup = await june.Locator("[data-figure=pickup]").TextContentAsync();

        // OSVI goes down: every API request fails.
        var fault = await admin.AddFaultAsync(new { kind = "error", path_prefix = "/v1/" });
        await Assertions.Expect(board).ToHaveAttributeAsync("data-stale", "true", new() { Timeout = Patience });
        await Assertions.Expect(wall.Page.Locator("#wall-stale")).ToContainTextAsync("These numbers are out of date");
        // The last numbers stay on the tiles; no error box, no crash.
        await Assertions.Expect(june.Locator("[data-figure=pickup]")).ToHaveTextAsync(pickup!);
        Assert.Equal(0, await wall.Page.Locator(".osvi-wall .osvi-error, .osvi-wall .mud-alert-filled-error").CountAsync());
        await wall.AssertNoErrorsAsync("the wallboard while OSVI is down");
        await wall.ScreenshotAsync("campaigns-monitor-stale");

        // OSVI is back: the board recovers without anyone touching it.
        await admin.RemoveFaultAsync(fault);
        await Assertions.Expect(board).ToHaveAttributeAsync("data-stale", "false", new() { Timeout = 60_000 });
        await Assertions.Expect(wall.Page.Locator("#wall-stale")).ToHaveCountAsync(0);
        await Assertions.Expect(wall.Page.Locator("#wall-retrying")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await wall.AssertNoErrorsAsync("the wallboard after OSVI came back");
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Pages_At1920x1080_RenderTheirDataWithoutErrors(string scheme)
    {
        await using var dashboard = new KestrelDashboardFactory();
        dashboard.WithSetting(CampaignConfigNames.MinPaceSpan, "00:00:05");
        var baseUrl = dashboard.StartAndGetBaseUrl();
        await WatchAsync(dashboard, 7, 8, 9, 10, 11);
        using var admin = SimulatorAdmin.For(dashboard.Services.GetRequiredService<EmbeddedSimulator>().BaseUrl);
        await admin.SetClockSpeedAsync(30);
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, baseUrl, scheme, signInAs: DashboardRoles.Operator, width: 1920, height: 1080);
        if (scheme == "dark")
        {
            await page.Context.AddCookiesAsync([new Cookie { Name = "osvi-theme", Value = "dark", Url = baseUrl }]);
        }

        await page.GotoAsync("/agents");
        await Assertions.Expect(page.Page.Locator("[data-agent-id] .osvi-agent-today-total").First).Not.ToBeEmptyAsync(new() { Timeout = Patience });
        await Shot(page, "agents");

        await page.GotoAsync("/campaigns");
        await Assertions.Expect(page.Page.Locator("tr[data-campaign-id] .osvi-progress")).ToHaveCountAsync(5, new() { Timeout = Patience });
        await Shot(page, "campaigns");

        await page.GotoAsync("/campaigns/7");
        await Assertions.Expect(page.Page.Locator("#campaign-outcomes-table")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Shot(page, "campaign-7");

        // The upload flow: the row-by-row check, the confirm step and the batch report.
        await page.GotoAsync($"/campaigns/{Feedback}/upload");
        await page.ChooseFileAsync("#contacts-file", new FilePayload { Name = "contacts.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(WithBadRows) });
        await Assertions.Expect(page.Page.Locator("#contact-preview")).ToHaveAttributeAsync("data-invalid", "2", new() { Timeout = Patience });
        await Shot(page, "upload-check", fullPage: true);
        await page.Page.Locator("#leave-out-bad").CheckAsync();
        await page.Page.Locator("#review-send").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#upload-confirm")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Shot(page, "upload-confirm", fullPage: true);
        await page.Page.Locator("#confirm-send").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#upload-report")).ToHaveAttributeAsync("data-finished", "true", new() { Timeout = Patience });
        await Shot(page, "upload-report", fullPage: true);
        await page.AssertNoErrorsAsync($"the campaign pages ({scheme})");

        if (scheme == "dark")
        {
            // The wallboard has one (dark) theme, made for a TV; staff open it signed in (a TV through a kiosk link, above).
            await using var wall = await DashboardBrowser.OpenAsync(browser.Browser, baseUrl, "dark", signInAs: DashboardRoles.Viewer, width: 1920, height: 1080);
            await wall.GotoAsync("/monitor");
            await Assertions.Expect(wall.Page.Locator(".osvi-wallboard-exit")).ToBeVisibleAsync();
            await Assertions.Expect(wall.Page.Locator(".osvi-tile [data-figure=pickup]")).ToHaveCountAsync(5, new() { Timeout = Patience });
            await wall.ScreenshotAsync("campaigns-monitor");
            await wall.AssertNoErrorsAsync("the wallboard");

            // A viewer sees campaigns but cannot upload or change the watched list (the services refuse it too).
            await wall.GotoAsync($"/campaigns/{Feedback}/upload");
            await Assertions.Expect(wall.Page.Locator("#upload-not-allowed")).ToContainTextAsync("operator role", new() { Timeout = Patience });
            await wall.GotoAsync("/campaigns");
            await Assertions.Expect(wall.Page.Locator("tr[data-campaign-id] .osvi-progress")).ToHaveCountAsync(5, new() { Timeout = Patience });
            Assert.Equal(0, await wall.Page.Locator("#watch-form, [data-unwatch]").CountAsync());
        }
    }

    private static async Task Shot(DashboardBrowser page, string name, bool fullPage = false)
    {
        await page.Page.Mouse.MoveAsync(1, 1);
        // A full-page shot of a scrolled page draws the fixed app bar where the viewport was.
        await page.Page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"campaigns-{name}-{await page.Page.Locator("#render-state").GetAttributeAsync("data-theme")}.png"), FullPage = fullPage });
    }

    /// <summary>Creates a kiosk link as an administrator would and opens it in a fresh dark 1920×1080 browser with no
    /// staff session: it lands on the wallboard.</summary>
    private async Task<DashboardBrowser> OpenKioskWallboardAsync(DashboardFactory dashboard, string baseUrl)
    {
        await using var scope = dashboard.CreateScopeAs(DashboardRoles.Admin);
        var link = await scope.ServiceProvider.GetRequiredService<IKioskAdministration>().CreateAsync("Office TV", null, CancellationToken.None);
        Assert.True(link.Succeeded);
        var wall = await DashboardBrowser.OpenAsync(browser.Browser, baseUrl, "dark", width: 1920, height: 1080);
        await wall.Page.GotoAsync($"{baseUrl}/{link.Value.RelativeUrl}");
        await wall.Page.WaitForURLAsync(baseUrl + "/monitor");
        await wall.WaitInteractiveAsync();
        Assert.Equal(0, await wall.Page.Locator(".osvi-wallboard-exit").CountAsync());
        return wall;
    }

    private static async Task WatchAsync(DashboardFactory dashboard, params long[] ids)
    {
        var factory = dashboard.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        foreach (var id in ids)
        {
            db.WatchedCampaigns.Add(new WatchedCampaign { CampaignId = id, LocalName = id == 8 ? "Clinic reminders" : null, AddedBy = "e2e", AddedAt = DateTimeOffset.UtcNow });
        }

        await db.SaveChangesAsync();
    }
}
