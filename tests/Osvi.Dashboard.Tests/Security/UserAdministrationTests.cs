using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Client;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Components.Controls;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Accounts;
using Osvi.Dashboard.Services.Admin;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Tests.Security;

/// <summary>User administration through the real service in the real host (Identity, SQLite): what each change does to
/// the account and to signing in, the last-administrator rule, refusals of non-administrators, and the audit rows.</summary>
public sealed class UserAdministrationTests
{
    private static readonly CancellationToken s_ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_GeneratedPassword_AccountSignsInWithItAndIsAudited()
    {
        await using var factory = new DashboardFactory();
        await using var scope = factory.CreateScopeAs(DashboardRoles.Admin, "ada");

        var created = await Service(scope).CreateAsync(new NewAccount("  ravi ", DashboardRoles.Operator, Password: null, Email: "ravi@example.com"), s_ct);

        Assert.True(created.Succeeded, created.Error?.Message);
        Assert.Equal(("ravi", DashboardRoles.Operator, "ada", AccountSource.Local), (created.Value!.Account.UserName, created.Value.Account.Role, created.Value.Account.CreatedBy, created.Value.Account.Source));
        Assert.True(created.Value.Password.Length >= 16);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardFactory.SignInAsync(client, "ravi", created.Value.Password)).StatusCode);
        var entry = await AccountTests.SingleAsync(factory, "user.create");
        Assert.Equal(("ada", "ravi", AuditResult.Succeeded, "Created ravi as operator."), (entry.UserName, entry.Target, entry.Result, entry.Message));
        Assert.Contains("\"password\":\"generated\"", entry.ParametersJson, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Value.Password, entry.ParametersJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WeakPasswordOrTakenName_FieldErrorsNoAccountAndAuditedAsFailed()
    {
        await using var factory = new DashboardFactory();
        await factory.CreateAccountAsync("ravi", DashboardRoles.Viewer);
        await using var scope = factory.CreateScopeAs(DashboardRoles.Admin);

        var weak = await Service(scope).CreateAsync(new NewAccount("meera", DashboardRoles.Viewer, "short"), s_ct);
        var taken = await Service(scope).CreateAsync(new NewAccount("ravi", DashboardRoles.Viewer, "a-long-enough-passphrase"), s_ct);
        var badRole = await Service(scope).CreateAsync(new NewAccount("kiran", "superuser", null), s_ct);

        Assert.Equal(OsviErrorKind.Validation, weak.Error!.Kind);
        Assert.NotNull(weak.Error.ErrorFor("password"));
        Assert.NotNull(taken.Error!.ErrorFor("userName"));
        Assert.NotNull(badRole.Error!.ErrorFor("role"));
        var list = await Service(scope).ListAsync(s_ct);
        Assert.Equal(["ravi"], list.Value!.Select(account => account.UserName));
        Assert.All(await AccountTests.EntriesAsync(factory, "user.create"), entry => Assert.Equal(AuditResult.Failed, entry.Result));
    }

    [Fact]
    public async Task ChangeRole_OperatorToAdmin_RoleChangedSessionEndsAndAudited()
    {
        await using var factory = new DashboardFactory().WithSetting(DashboardConfigNames.RevalidationInterval, "00:00:00");
        var password = await factory.CreateAccountAsync("ravi", DashboardRoles.Operator);
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await DashboardFactory.SignInAsync(browser, "ravi", password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/calls", s_ct)).StatusCode);
        await using var scope = factory.CreateScopeAs(DashboardRoles.Admin, "ada");
        var id = await IdOfAsync(scope, "ravi");

        var changed = await Service(scope).ChangeRoleAsync(id, "Admin", s_ct);

        Assert.Equal(DashboardRoles.Admin, changed.Value!.Role);
        Assert.Equal(DashboardRoles.Admin, (await Service(scope).ListAsync(s_ct)).Value!.Single(account => account.UserName == "ravi").Role);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/calls", s_ct)).StatusCode);   // the old session ended
        var entry = await AccountTests.SingleAsync(factory, "user.role");
        Assert.Equal(("ada", "ravi", AuditResult.Succeeded), (entry.UserName, entry.Target, entry.Result));
        Assert.Contains("\"previous_role\":\"operator\"", entry.ParametersJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeRoleAndLock_LastAdministrator_RefusedWithAReasonAndAudited()
    {
        await using var factory = new DashboardFactory();
        await factory.CreateAccountAsync("root", DashboardRoles.Admin);
        await factory.CreateAccountAsync("ops", DashboardRoles.Operator);
        await using var scope = factory.CreateScopeAs(DashboardRoles.Admin, "ada");
        var root = await IdOfAsync(scope, "root");

        var demoted = await Service(scope).ChangeRoleAsync(root, DashboardRoles.Viewer, s_ct);
        var locked = await Service(scope).LockAsync(root, s_ct);

        Assert.Contains("last administrator", demoted.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("last administrator", locked.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(DashboardRoles.Admin, (await Service(scope).ListAsync(s_ct)).Value!.Single(account => account.UserName == "root").Role);
        Assert.Equal(AuditResult.Failed, (await AccountTests.SingleAsync(factory, "user.role")).Result);
        Assert.Equal(AuditResult.Failed, (await AccountTests.SingleAsync(factory, "user.lock")).Result);

        // With a second administrator, the first may go.
        await factory.CreateAccountAsync("second", DashboardRoles.Admin);
        Assert.True((await Service(scope).ChangeRoleAsync(root, DashboardRoles.Viewer, s_ct)).Succeeded);
        Assert.False((await Service(scope).LockAsync(await IdOfAsync(scope, "second"), s_ct)).Succeeded);
    }

    [Fact]
    public async Task Lock_OwnAccount_Refused()
    {
        await using var factory = new DashboardFactory();
        await factory.CreateAccountAsync("root", DashboardRoles.Admin);
        await factory.CreateAccountAsync("ada", DashboardRoles.Admin);
        await using var scope = factory.CreateScopeAs(DashboardRoles.Admin, "ada");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardAccount>>();
        var ada = (await users.FindByNameAsync("ada"))!;
        // The scope's user must be the account itself: a circuit of "ada" with her id.
        await using var own = OwnScope(factory, ada);

        var result = await Service(own).LockAsync(ada.Id, s_ct);

        Assert.Equal("You cannot lock your own account.", result.Error!.Message);
    }

    [Fact]
    public async Task LockAndUnlock_Account_CannotSignInWhileLockedThenCanAndBothAudited()
    {
        await using var factory = new DashboardFactory();
        var password = await factory.CreateAccountAsync("ravi", DashboardRoles.Viewer);
        await using var scope = factory.CreateScopeAs(DashboardRoles.Admin, "ada");
        var id = await IdOfAsync(scope, "ravi");
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var locked = await Service(scope).LockAsync(id, s_ct);
        var refused = await DashboardFactory.SignInAsync(client, "ravi", password);
        var unlocked = await Service(scope).UnlockAsync(id, s_ct);
        var allowed = await DashboardFactory.SignInAsync(client, "ravi", password);

        Assert.True(locked.Value!.LockedByAdministrator);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("This account is locked", await refused.Content.ReadAsStringAsync(s_ct), StringComparison.Ordinal);
        Assert.False(unlocked.Value!.LockedByAdministrator);
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Equal(("ada", AuditResult.Succeeded), ((await AccountTests.SingleAsync(factory, "user.lock")).UserName, (await AccountTests.SingleAsync(factory, "user.lock")).Result));
        Assert.Equal(AuditResult.Succeeded, (await AccountTests.SingleAsync(factory, "user.unlock")).Result);
    }

    [Fact]
    public async Task Unlock_AfterTooManyWrongPasswords_AccountSignsInAgain()
    {
        await using var factory = new DashboardFactory().WithSetting(DashboardConfigNames.MaxFailedSignIns, "2");
        var password = await factory.CreateAccountAsync("ravi", DashboardRoles.Viewer);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await DashboardFactory.SignInAsync(client, "ravi", "wrong-password-1");
        await DashboardFactory.SignInAsync(client, "ravi", "wrong-password-2");
        await using var scope = factory.CreateScopeAs(DashboardRoles.Admin);
        var before = (await Service(scope).ListAsync(s_ct)).Value!.Single();

        await Service(scope).UnlockAsync(before.Id, s_ct);

        Assert.NotNull(before.LockedUntil);
        Assert.False(before.LockedByAdministrator);
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardFactory.SignInAsync(client, "ravi", password)).StatusCode);
    }

    [Fact]
    public async Task ResetPassword_Generated_OldPasswordStopsNewWorksAndTheAuditHasNoPassword()
    {
        await using var factory = new DashboardFactory();
        var old = await factory.CreateAccountAsync("ravi", DashboardRoles.Operator);
        await using var scope = factory.CreateScopeAs(DashboardRoles.Admin, "ada");

        var reset = await Service(scope).ResetPasswordAsync(await IdOfAsync(scope, "ravi"), null, s_ct);
        var weak = await Service(scope).ResetPasswordAsync(await IdOfAsync(scope, "ravi"), "short", s_ct);

        Assert.True(reset.Succeeded);
        Assert.NotNull(weak.Error!.ErrorFor("password"));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await DashboardFactory.SignInAsync(client, "ravi", old)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardFactory.SignInAsync(client, "ravi", reset.Value!.Password)).StatusCode);
        var entries = await AccountTests.EntriesAsync(factory, "user.password-reset");
        Assert.Equal([AuditResult.Succeeded, AuditResult.Failed], entries.Select(entry => entry.Result));
        Assert.All(entries, entry => Assert.DoesNotContain(reset.Value.Password, entry.ParametersJson ?? "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DashboardRoles.Viewer)]
    [InlineData(DashboardRoles.Operator)]
    public async Task EveryMethod_NotAnAdministrator_RefusedNothingChangesAndAudited(string role)
    {
        await using var factory = new DashboardFactory();
        await factory.CreateAccountAsync("ravi", DashboardRoles.Viewer);
        string id;
        await using (var admin = factory.CreateScopeAs(DashboardRoles.Admin))
        {
            id = await IdOfAsync(admin, "ravi");
        }

        await using var scope = factory.CreateScopeAs(role, "mallory");
        var service = Service(scope);

        Assert.NotNull((await service.ListAsync(s_ct)).Refusal);
        Assert.NotNull((await service.CreateAsync(new NewAccount("eve", DashboardRoles.Admin, "a-long-enough-passphrase"), s_ct)).Refusal);
        Assert.NotNull((await service.ChangeRoleAsync(id, DashboardRoles.Admin, s_ct)).Refusal);
        Assert.NotNull((await service.LockAsync(id, s_ct)).Refusal);
        Assert.NotNull((await service.UnlockAsync(id, s_ct)).Refusal);
        Assert.NotNull((await service.ResetPasswordAsync(id, null, s_ct)).Refusal);

        await using var check = factory.CreateScopeAs(DashboardRoles.Admin);
        var accounts = (await Service(check).ListAsync(s_ct)).Value!;
        Assert.Equal([("ravi", DashboardRoles.Viewer)], accounts.Select(account => (account.UserName, account.Role)));
        foreach (var action in new[] { "user.create", "user.role", "user.lock", "user.unlock", "user.password-reset" })
        {
            var entry = await AccountTests.SingleAsync(factory, action);
            Assert.Equal(("mallory", AuditResult.Refused), (entry.UserName, entry.Result));
        }

        Assert.Contains(factory.Logs.Messages(Serilog.Events.LogEventLevel.Warning), message => message.Contains("mallory", StringComparison.Ordinal) && message.Contains("user.create", StringComparison.Ordinal));
    }

    internal static IUserAdministration Service(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<IUserAdministration>();

    private static async Task<string> IdOfAsync(AsyncServiceScope scope, string userName) =>
        (await scope.ServiceProvider.GetRequiredService<UserManager<DashboardAccount>>().FindByNameAsync(userName))!.Id;

    // A scope acting as the account itself (its real id), as a circuit of that account would.
    private static AsyncServiceScope OwnScope(DashboardFactory factory, DashboardAccount account)
    {
        var scope = factory.Services.CreateAsyncScope();
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
        [
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, account.UserName!),
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, account.Id),
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, DashboardRoles.Admin),
        ], "Identity.Application"));
        ((Microsoft.AspNetCore.Components.Authorization.IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider
            .GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new Microsoft.AspNetCore.Components.Authorization.AuthenticationState(principal)));
        return scope;
    }
}
