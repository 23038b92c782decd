using Microsoft.Playwright;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Accounts;

namespace Osvi.Dashboard.EndToEnd;

/// <summary>Signs a browser in and out through the real sign-in form. In demo mode (<c>KestrelDashboardFactory</c>'s
/// default) the demo accounts exist, one per role: <c>await Session.SignInAsync(page, baseUrl, DashboardRoles.Operator)</c>.</summary>
public static class Session
{
    /// <summary>How long a page may take to sign in, get its circuit or attach its scripts (ms): 20 s ran out on this
    /// machine while several suites ran side by side.</summary>
    public const float CircuitTimeout = 45_000;

    /// <summary>Signs in as the demo account of <paramref name="role"/> and lands on <paramref name="returnPath"/> (default "/"),
    /// waiting until its circuit is interactive.</summary>
    public static Task SignInAsync(IPage page, string baseUrl, string role, string? returnPath = null)
    {
        var account = DemoAccounts.For(role);
        return SignInWithPasswordAsync(page, baseUrl, account.UserName, account.Password, returnPath);
    }

    /// <summary>Signs in with a user name and password through the form.</summary>
    public static async Task SignInWithPasswordAsync(IPage page, string baseUrl, string userName, string password, string? returnPath = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var returnUrl = returnPath is null ? "" : $"?{DashboardAuthentication.ReturnUrlParameter}={Uri.EscapeDataString(returnPath)}";
        await page.GotoAsync(baseUrl + DashboardAuthentication.SignInPath + returnUrl);
        await page.Locator("#sign-in-user").FillAsync(userName);
        await page.Locator("#sign-in-password").FillAsync(password);
        await page.Locator("#sign-in-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains(DashboardAuthentication.SignInPath, StringComparison.Ordinal), new() { Timeout = CircuitTimeout });
        await WaitInteractiveAsync(page);
    }

    /// <summary>Waits until the page's circuit is interactive (the layout marks it on <c>#render-state</c>).</summary>
    public static Task WaitInteractiveAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator("#render-state[data-interactive=yes]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = CircuitTimeout });
    }

    /// <summary>Signs out through the account menu (a form post with an antiforgery token) and waits for the sign-in page.</summary>
    public static async Task SignOutAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.Locator("#user-menu button").First.ClickAsync();
        await page.Locator("#sign-out").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains(DashboardAuthentication.SignInPath, StringComparison.Ordinal), new() { Timeout = CircuitTimeout });
    }
}
