using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Accounts;
using Osvi.Dashboard.Testing;
using Serilog.Events;

namespace Osvi.Dashboard.Tests.Security;

/// <summary>Local accounts through the real sign-in form: sign-in and its audit rows, lockout, sign-out, password change,
/// and the first-administrator bootstrap and demo accounts across restarts of the same database.</summary>
public sealed class AccountTests
{
    private static readonly CancellationToken s_ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_RightPassword_SessionCookieOpensPagesAndTheAuditLogSaysWho()
    {
        await using var factory = new DashboardFactory();
        var password = await factory.CreateAccountAsync("asha", DashboardRoles.Operator);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var signedIn = await DashboardFactory.SignInAsync(client, "asha", password, returnUrl: "/calls");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("http://localhost/calls", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/calls", s_ct)).StatusCode);
        var entry = await SingleAsync(factory, AccountEvents.SignInAction);
        Assert.Equal(("asha", "asha", AuditResult.Succeeded, "password"), (entry.UserName, entry.Target, entry.Result, entry.Source));
        Assert.Equal("Signed in as operator.", entry.Message);
    }

    [Theory]
    [InlineData("//evil.example.com/phish", "/")]
    [InlineData("https://evil.example.com/", "/")]
    [InlineData("/\\evil.example.com", "/")]
    [InlineData("/dnd?agent_uuid=a", "/dnd?agent_uuid=a")]
    public async Task SignIn_ReturnUrl_StaysOnTheDashboard(string returnUrl, string expected)
    {
        await using var factory = new DashboardFactory();
        var password = await factory.CreateAccountAsync("asha", DashboardRoles.Viewer);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var signedIn = await DashboardFactory.SignInAsync(client, "asha", password, returnUrl);

        Assert.Equal(new Uri("http://localhost" + expected), signedIn.Headers.Location);
    }

    [Fact]
    public async Task SignIn_WrongPasswordsInARow_LocksTheAccountAndAuditsEachAttempt()
    {
        await using var factory = new DashboardFactory().WithSetting(DashboardConfigNames.MaxFailedSignIns, "3");
        var password = await factory.CreateAccountAsync("asha", DashboardRoles.Operator);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var wrong = await DashboardFactory.SignInAsync(client, "asha", "not-the-password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var right = await DashboardFactory.SignInAsync(client, "asha", password);
        var page = await right.Content.ReadAsStringAsync(s_ct);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);   // the form again, no session
        Assert.Contains("This account is locked after too many wrong passwords", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", s_ct)).StatusCode);
        var entries = await EntriesAsync(factory, AccountEvents.SignInAction);
        Assert.Equal(["WrongPassword", "WrongPassword", "LockedOut", "LockedOut"], entries.Select(entry => entry.ErrorKind));
        Assert.All(entries, entry => Assert.Equal((AuditResult.Failed, DashboardUser.AnonymousName, "asha"), (entry.Result, entry.UserName, entry.Target)));
        Assert.Contains(factory.Logs.Messages(LogEventLevel.Warning), message => message.Contains("Sign-in as", StringComparison.Ordinal) && message.Contains("LockedOut", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_UnknownUser_SameAnswerAsAWrongPasswordAndAudited()
    {
        await using var factory = new DashboardFactory();
        await factory.CreateAccountAsync("asha", DashboardRoles.Viewer);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var unknown = await (await DashboardFactory.SignInAsync(client, "nobody", "whatever-password")).Content.ReadAsStringAsync(s_ct);
        var wrong = await (await DashboardFactory.SignInAsync(client, "asha", "whatever-password")).Content.ReadAsStringAsync(s_ct);

        Assert.Contains("The user name or password is not right.", unknown, StringComparison.Ordinal);
        Assert.Contains("The user name or password is not right.", wrong, StringComparison.Ordinal);
        Assert.Equal(["UnknownUser", "WrongPassword"], (await EntriesAsync(factory, AccountEvents.SignInAction)).Select(entry => entry.ErrorKind));
    }

    [Fact]
    public async Task SignOut_FormPost_EndsTheSessionAndIsAudited()
    {
        await using var factory = new DashboardFactory();
        var password = await factory.CreateAccountAsync("asha", DashboardRoles.Viewer);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await DashboardFactory.SignInAsync(client, "asha", password);
        var token = FormFields.AntiforgeryToken(await client.GetStringAsync("/account/password", s_ct));

        using var signedOut = await client.PostAsync("/account/sign-out",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["returnUrl"] = "/" }), s_ct);

        Assert.Equal("/account/sign-in?signedOut=1", signedOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", s_ct)).StatusCode);
        Assert.Equal("asha", (await SingleAsync(factory, AccountEvents.SignOutAction)).UserName);
    }

    [Fact]
    public async Task ChangePassword_CurrentRight_NewPasswordWorksOldDoesNotOtherSessionsEnd()
    {
        await using var factory = new DashboardFactory().WithSetting(DashboardConfigNames.RevalidationInterval, "00:00:00");
        var password = await factory.CreateAccountAsync("asha", DashboardRoles.Viewer);
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var otherBrowser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await DashboardFactory.SignInAsync(browser, "asha", password);
        await DashboardFactory.SignInAsync(otherBrowser, "asha", password);
        var token = FormFields.AntiforgeryToken(await browser.GetStringAsync("/account/password", s_ct));
        const string newPassword = "a-new-long-passphrase";

        using var changed = await browser.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "change-password",
            ["Input.Current"] = password, ["Input.New"] = newPassword, ["Input.Confirm"] = newPassword,
        }), s_ct);

        Assert.Contains("Your password was changed.", await changed.Content.ReadAsStringAsync(s_ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", s_ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await otherBrowser.GetAsync("/", s_ct)).StatusCode);
        using var fresh = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await DashboardFactory.SignInAsync(fresh, "asha", password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardFactory.SignInAsync(fresh, "asha", newPassword)).StatusCode);
        Assert.Equal(AuditResult.Succeeded, (await SingleAsync(factory, AccountEvents.PasswordChangeAction)).Result);
    }

    [Fact]
    public async Task Bootstrap_LiveModeWithoutConfiguration_CreatesNoAccountAndSaysHow()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();

        var page = await client.GetStringAsync("/account/sign-in", s_ct);

        Assert.Empty(await UserNamesAsync(factory));
        Assert.Contains("id=\"no-account\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-accounts", page, StringComparison.Ordinal);
        Assert.Contains(factory.Logs.Messages(LogEventLevel.Warning), message => message.Contains("No account exists yet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bootstrap_ConfiguredAdmin_CreatedOnTheFirstStartOnlyAndNeverReset()
    {
        var data = Directory.CreateTempSubdirectory("osvi-bootstrap-");
        try
        {
            await using (var first = Bootstrapped(data.FullName, "first-password-123"))
            {
                Assert.Equal(["root"], await UserNamesAsync(first));
                using var client = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                Assert.Equal(HttpStatusCode.Redirect, (await DashboardFactory.SignInAsync(client, "root", "first-password-123")).StatusCode);
                Assert.Contains(first.Logs.Messages(LogEventLevel.Warning), message => message.Contains("Created the first administrator", StringComparison.Ordinal));
                var created = await SingleAsync(first, "user.create");
                Assert.Equal(("configuration", "root", AuditResult.Succeeded), (created.UserName, created.Target, created.Result));
            }

            // Restarted with another password left in the environment: nothing is created or reset.
            await using (var second = Bootstrapped(data.FullName, "second-password-456"))
            {
                Assert.Equal(["root"], await UserNamesAsync(second));
                using var client = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                Assert.Equal(HttpStatusCode.OK, (await DashboardFactory.SignInAsync(client, "root", "second-password-456")).StatusCode);
                Assert.Equal(HttpStatusCode.Redirect, (await DashboardFactory.SignInAsync(client, "root", "first-password-123")).StatusCode);
                Assert.Contains(second.Logs.Messages(), message => message.Contains("is ignored", StringComparison.Ordinal));
                Assert.Single(await EntriesAsync(second, "user.create"));
            }

            // Even with every account gone, the bootstrap never runs again.
            await using (var third = Bootstrapped(data.FullName, "third-password-789"))
            {
                await using var scope = third.Services.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardAccount>>();
                await users.DeleteAsync((await users.FindByNameAsync("root"))!);
            }

            await using (var fourth = Bootstrapped(data.FullName, "fourth-password-000"))
            {
                Assert.Empty(await UserNamesAsync(fourth));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task DemoAccounts_DemoMode_OnePerRoleShownOnTheSignInPage_RemovedWhenTheSameDatabaseRunsLive()
    {
        var data = Directory.CreateTempSubdirectory("osvi-demo-accounts-");
        try
        {
            await using (var demo = new DashboardFactory().UseDemoMode().WithSetting(DashboardConfigNames.DataPath, data.FullName))
            {
                Assert.Equal(DemoAccounts.All.Select(account => account.UserName).Order(), await UserNamesAsync(demo));
                using var client = demo.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                var page = await client.GetStringAsync("/account/sign-in", s_ct);
                Assert.All(DemoAccounts.All, account => Assert.Contains(account.Password, page, StringComparison.Ordinal));
                foreach (var account in DemoAccounts.All)
                {
                    Assert.Equal(HttpStatusCode.Redirect, (await DashboardFactory.SignInAsync(client, account.UserName, account.Password)).StatusCode);
                }
            }

            await using (var live = new DashboardFactory().WithSetting(DashboardConfigNames.DataPath, data.FullName))
            {
                Assert.Empty(await UserNamesAsync(live));
                using var client = live.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                Assert.Equal(HttpStatusCode.OK, (await DashboardFactory.SignInAsync(client, "demo-admin", "osvi-admin-demo")).StatusCode);
                Assert.DoesNotContain("osvi-admin-demo", await client.GetStringAsync("/account/sign-in", s_ct), StringComparison.Ordinal);
                Assert.Contains(live.Logs.Messages(LogEventLevel.Warning), message => message.Contains("removed 3 demo accounts", StringComparison.Ordinal));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    private static DashboardFactory Bootstrapped(string dataPath, string password) => new DashboardFactory()
        .WithSetting(DashboardConfigNames.DataPath, dataPath)
        .WithSetting(DashboardConfigNames.BootstrapAdmin + ":UserName", "root")
        .WithSetting(DashboardConfigNames.BootstrapAdmin + ":Password", password);

    private static async Task<List<string>> UserNamesAsync(DashboardFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardAccount>>();
        return [.. users.Users.Select(user => user.UserName!).Order()];
    }

    internal static async Task<List<AuditEntry>> EntriesAsync(DashboardFactory factory, string action)
    {
        var page = await factory.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Action = action, Take = 500 }, s_ct);
        return [.. page.Items.Reverse()];
    }

    internal static async Task<AuditEntry> SingleAsync(DashboardFactory factory, string action) => Assert.Single(await EntriesAsync(factory, action));
}
