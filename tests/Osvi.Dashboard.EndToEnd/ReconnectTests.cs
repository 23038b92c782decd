using Microsoft.Playwright;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.EndToEnd;

[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class ReconnectTests(BrowserFixture browser)
{
    [Fact]
    public async Task Circuit_ServerStops_ShowsTheStyledReconnectDialog()
    {
        var factory = new KestrelDashboardFactory();
        var baseUrl = factory.StartAndGetBaseUrl();
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, baseUrl, signInAs: DashboardRoles.Operator);
        await page.GotoAsync("/");

        await factory.DisposeAsync();

        var dialog = page.Page.Locator("#components-reconnect-modal");
        await Assertions.Expect(dialog).ToBeVisibleAsync(new() { Timeout = 20000 });
        await Assertions.Expect(dialog.Locator("h2")).ToHaveTextAsync("Connection to the dashboard lost");
        Assert.False(await page.Page.Locator("#blazor-error-ui").IsVisibleAsync(),
            "Blazor's error bar showed. Browser: " + string.Join(" | ", page.ConsoleErrors) + " Server: " +
            string.Join(" | ", factory.Logs.Events.Where(e => e.Level >= Serilog.Events.LogEventLevel.Warning).Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + " " + e.Exception?.GetType().Name)));
        await page.ScreenshotAsync("reconnect");
    }
}
