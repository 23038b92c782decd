using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Osvi.Dashboard.Data;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.EndToEnd;

[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class CampaignScreensScratch(BrowserFixture browser)
{
    [Fact]
    public async Task Scratch_Screens()
    {
        await using var dashboard = new KestrelDashboardFactory();
        dashboard.WithSetting("Simulator:ClockSpeed", "30").WithSetting("Dashboard:Campaigns:MinPaceSpan", "00:00:05");
        var baseUrl = dashboard.StartAndGetBaseUrl();
        var factory = dashboard.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            foreach (var id in new long[] { 7, 8, 9, 10, 11, 12, 13 })
            {
                db.WatchedCampaigns.Add(new WatchedCampaign { CampaignId = id, LocalName = id == 8 ? "Clinic reminders" : null, AddedBy = "test", AddedAt = DateTimeOffset.UtcNow });
            }
            await db.SaveChangesAsync();
        }

        var only = Environment.GetEnvironmentVariable("SCRATCH_ONLY");
        if (only == "upload")
        {
            await using var up = await DashboardBrowser.OpenAsync(browser.Browser, baseUrl, "light");
            await up.GotoAsync("/campaigns/7/upload");
            await up.Page.WaitForTimeoutAsync(1500);
            var csv = "phone,person_name,plan\n9876543210,Ravi Kumar,Pro\n12345,Bad Number,Basic\n+91 98765 00000,Anita Desai,Basic\n98765 43210,Ravi K,Pro\n\n,No Phone,Gold\n";
            await up.Page.Locator("#contacts-file").SetInputFilesAsync(new FilePayload { Name = "contacts.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
            await up.Page.WaitForTimeoutAsync(3000);
            await up.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "scratch-upload-1.png"), FullPage = true });
            File.WriteAllText("/tmp/scratch-debug.txt", "CONSOLE: " + string.Join(" | ", up.ConsoleErrors) + "\n" + string.Join("\n", dashboard.Logs.Events.Where(e => e.Level >= Serilog.Events.LogEventLevel.Warning).Select(e => e.RenderMessage() + " " + e.Exception)));
            await up.Page.Locator("#leave-out-bad").ClickAsync();
            await up.Page.Locator("#upload-enqueue").ClickAsync();
            await up.Page.Locator("#review-send").ClickAsync();
            await up.Page.WaitForTimeoutAsync(1000);
            await up.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "scratch-upload-2.png"), FullPage = true });
            await up.Page.Locator("#confirm-send").ClickAsync();
            await up.Page.WaitForTimeoutAsync(3000);
            await up.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "scratch-upload-3.png"), FullPage = true });
            return;
        }

        foreach (var scheme in only == "monitor" ? [] : new[] { "light", "dark" })
        {
            await using var page = await DashboardBrowser.OpenAsync(browser.Browser, baseUrl, scheme);
            if (scheme == "dark")
            {
                await page.Context.AddCookiesAsync([new Cookie { Name = "osvi-theme", Value = "dark", Url = baseUrl }]);
            }
            foreach (var path in new[] { "/", "/agents", "/campaigns", "/campaigns/7", "/campaigns/7/upload", "/campaigns/99" })
            {
                await page.GotoAsync(path);
                await page.Page.WaitForTimeoutAsync(6000);
                await page.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"scratch-{scheme}{path.Replace('/', '-')}.png"), FullPage = true });
            }
        }

        var wall = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 }, ColorScheme = ColorScheme.Dark });
        var wallPage = await wall.NewPageAsync();
        await wallPage.GotoAsync(baseUrl + "/monitor");
        await wallPage.WaitForTimeoutAsync(8000);
        await wallPage.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "scratch-monitor.png") });
        await wallPage.WaitForTimeoutAsync(16000);
        await wallPage.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "scratch-monitor-2.png") });
        await wall.DisposeAsync();
    }
}
