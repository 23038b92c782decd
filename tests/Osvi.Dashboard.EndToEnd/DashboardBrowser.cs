using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Osvi.Dashboard.EndToEnd;

/// <summary>One browser page on the dashboard, with the waits and checks every end-to-end test needs.</summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    private readonly List<string> _consoleErrors = [];
    private readonly bool _ownsContext;

    private DashboardBrowser(IBrowserContext context, IPage page, string baseUrl, bool ownsContext = true)
    {
        _ownsContext = ownsContext;
        Context = context;
        Page = page;
        BaseUrl = baseUrl;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_consoleErrors)
                {
                    _consoleErrors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_consoleErrors)
            {
                _consoleErrors.Add(error);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public string BaseUrl { get; }

    /// <summary>Browser console errors and uncaught page errors so far.</summary>
    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_consoleErrors)
            {
                return [.. _consoleErrors];
            }
        }
    }

    /// <summary>A fresh browser context (no cookies) on the dashboard; signed in through the real form as the demo account
    /// of <paramref name="signInAs"/> when a role is given (landing on the Overview).</summary>
    public static async Task<DashboardBrowser> OpenAsync(IBrowser browser, string baseUrl, string colorScheme = "light", string? signInAs = null, int width = 1440, int height = 1100)
    {
        var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = colorScheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        var opened = new DashboardBrowser(context, page, baseUrl);
        if (signInAs is not null)
        {
            await Session.SignInAsync(page, baseUrl, signInAs);
        }

        return opened;
    }

    /// <summary>Another tab of the same browser context: the same cookies (so the same sign-in), its own circuit. Disposing
    /// it closes only the tab.</summary>
    public async Task<DashboardBrowser> NewTabAsync() => new(Context, await Context.NewPageAsync(), BaseUrl, ownsContext: false);

    /// <summary>Opens a path and waits until the circuit is interactive.</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(BaseUrl + path);
        await WaitInteractiveAsync();
    }

    public Task WaitInteractiveAsync() => Session.WaitInteractiveAsync(Page);

    /// <summary>Chooses a file in a Blazor <c>InputFile</c> once its script has attached: the layout turns interactive a
    /// moment before the page's own components do, and a file chosen in between is never read.</summary>
    public async Task ChooseFileAsync(string selector, FilePayload file)
    {
        await Page.WaitForFunctionAsync("selector => document.querySelector(selector)?._blazorInputFileNextFileId !== undefined", selector, new() { Timeout = Session.CircuitTimeout });
        await Page.Locator(selector).SetInputFilesAsync(file);
    }

    /// <summary>Fails when a component crashed, Blazor's error bar showed, or the browser logged an error.</summary>
    public async Task AssertNoErrorsAsync(string where)
    {
        Assert.Equal(0, await Page.Locator("[data-crash=true]").CountAsync());
        Assert.False(await Page.Locator("#blazor-error-ui").IsVisibleAsync(), $"Blazor's error bar is visible on {where}");
        Assert.True(ConsoleErrors.Count == 0, $"Browser errors on {where}: {string.Join(" | ", ConsoleErrors)}");
    }

    /// <summary>Runs axe and fails on any serious or critical violation (listing them).</summary>
    public async Task AssertAccessibleAsync(string where)
    {
        var result = await Page.RunAxe();
        var severe = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(severe.Count == 0, $"axe on {where}: " + string.Join("; ", severe.Select(Describe)));
    }

    /// <summary>Saves a screenshot of the viewport (1440×1100) under tests/.results/screenshots, pointer parked off any control.</summary>
    public async Task ScreenshotAsync(string name)
    {
        await Page.Mouse.MoveAsync(1, 1100 - 1);
        await Page.WaitForTimeoutAsync(300);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png") });
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsContext)
        {
            await Context.DisposeAsync();
        }
        else
        {
            await Page.CloseAsync();
        }
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()))}";
}
