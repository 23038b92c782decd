using Microsoft.Playwright;

namespace Osvi.Dashboard.EndToEnd;

[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class OverviewPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Overview_OpenedInChromium_BecomesInteractive()
    {
        await using var factory = new KestrelDashboardFactory();
        var baseUrl = factory.StartAndGetBaseUrl();
        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 800 } });

        await page.GotoAsync(baseUrl + "/");
        await page.Locator("#render-state[data-interactive=yes]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 20000 });

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "overview.png"), FullPage = true });
    }
}
