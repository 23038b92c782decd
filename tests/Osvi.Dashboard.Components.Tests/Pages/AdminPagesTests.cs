using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Osvi.Client;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Components.Admin;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Admin;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Testing.Fakes;
using AuditPage = Osvi.Dashboard.Components.Pages.Audit;

namespace Osvi.Dashboard.Components.Tests.Pages;

/// <summary>The administration pages (Users, Kiosk links, Settings, Audit) against hand-written fakes of their services:
/// what they show, that each action asks the service once, secrets shown once, errors on their fields with input kept.</summary>
public sealed class AdminPagesTests : OsviTestContext
{
    private readonly FakeUserAdministration _users = new();
    private readonly FakeKioskAdministration _kiosk = new();
    private readonly FakeSettingsAdministration _settings = new();
    private readonly FakeAuditBrowser _audit = new();

    public AdminPagesTests()
    {
        Services.AddSingleton<IUserAdministration>(_users);
        Services.AddSingleton<IKioskAdministration>(_kiosk);
        Services.AddSingleton<ISettingsAdministration>(_settings);
        Services.AddSingleton<IAuditBrowser>(_audit);
        UseRole(DashboardRoles.Admin, "ada");
    }

    [Fact]
    public void Users_Accounts_ShowRoleSourceAndStatus()
    {
        _users.Accounts.AddRange(
        [
            FakeUserAdministration.Account("ada", DashboardRoles.Admin),
            FakeUserAdministration.Account("demo-viewer", DashboardRoles.Viewer, AccountSource.Demo),
            FakeUserAdministration.Account("ravi", DashboardRoles.Operator, locked: true),
        ]);

        var cut = Render<Users>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("#accounts-table tbody tr").Count));
        Assert.Equal(["admin", "viewer", "operator"], cut.FindAll("[data-role]").Select(chip => chip.GetAttribute("data-role")));
        Assert.Equal(["active", "active", "locked"], cut.FindAll("td[data-status]").Select(cell => cell.GetAttribute("data-status")));
        Assert.Contains("Demo password", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_NewUser_CreatesOnceShowsThePasswordOnceAndListsTheAccount()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<Users>();
        cut.WaitForState(() => _users.Calls.Count == 1);

        await cut.InvokeAsync(() => cut.Find("#new-user").Click());
        dialogs.WaitForElement("#new-user-name").Input("ravi");
        await dialogs.InvokeAsync(() => dialogs.Find("#new-user-submit").Click());

        dialogs.WaitForAssertion(() => Assert.Equal(_users.GeneratedPassword, dialogs.Find("#new-user-password [data-secret]").TextContent));
        Assert.Equal(["list", "create ravi viewer (generated)"], _users.Calls);
        await dialogs.InvokeAsync(() => dialogs.Find("#new-user-done").Click());
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("td[data-user=ravi]")));
        Assert.DoesNotContain(_users.GeneratedPassword, cut.Markup + dialogs.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_NewUserRefusedForAWeakPassword_ErrorOnThePasswordFieldAndTheNameKept()
    {
        _users.NextError = new OsviError(OsviErrorKind.Validation, null, "Passwords must be at least 12 characters.",
            [new OsviFieldError("password", "Passwords must be at least 12 characters.")]);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<Users>();

        await cut.InvokeAsync(() => cut.Find("#new-user").Click());
        dialogs.WaitForElement("#new-user-name").Input("ravi");
        dialogs.Find("#new-user-password-input").Change("short");
        await dialogs.InvokeAsync(() => dialogs.Find("#new-user-submit").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("Passwords must be at least 12 characters.", dialogs.Find(".mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("ravi", dialogs.Find("#new-user-name").GetAttribute("value"));
        Assert.Empty(dialogs.FindAll("#new-user-password"));
        Assert.Single(_users.Calls, call => call.StartsWith("create", StringComparison.Ordinal));
    }

    [Fact]
    public void Users_ServiceRefuses_ShowsTheRefusalNotAnEmptyList()
    {
        _users.ListRefusal = new ServiceRefusal(DashboardPermission.ManageUsers, "Your role (viewer) does not allow managing users.");

        var cut = Render<Users>();

        cut.WaitForAssertion(() => Assert.Contains("does not allow managing users", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("#accounts-table"));
        Assert.DoesNotContain("No accounts", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void KioskLinks_None_ShowsTheEmptyStateSayingWhatToDo()
    {
        var cut = Render<KioskLinks>();

        cut.WaitForAssertion(() => Assert.Contains("Create one for each screen", cut.Find("#kiosk-empty").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task KioskLinks_Create_ShowsTheLinkOnceThenOnlyTheRow()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<KioskLinks>();
        cut.WaitForElement("#kiosk-empty");

        await cut.InvokeAsync(() => cut.Find("#new-kiosk").Click());
        dialogs.WaitForElement("#new-kiosk-name").Change("Pune office TV");
        await dialogs.InvokeAsync(() => dialogs.Find("#new-kiosk-submit").Click());

        var url = dialogs.WaitForElement("#new-kiosk-url [data-secret]").TextContent;
        Assert.Equal(Services.GetRequiredService<NavigationManager>().BaseUri + "kiosk?key=" + _kiosk.Secret, url);
        Assert.Equal(["list", "create Pune office TV "], _kiosk.Calls);
        await dialogs.InvokeAsync(() => dialogs.Find("#new-kiosk-done").Click());
        cut.WaitForAssertion(() => Assert.Equal("active", cut.Find("td[data-status]").GetAttribute("data-status")));
        Assert.DoesNotContain(_kiosk.Secret, cut.Markup + dialogs.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KioskLinks_RevokeConfirmed_RevokedOnceAndShownRevoked()
    {
        _kiosk.Links.Add(new KioskLinkView(7, "Lobby", Start, "ada", null, null, null, Start.AddHours(-1), true));
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<KioskLinks>();

        await cut.InvokeAsync(() => cut.WaitForElement("[data-revoke='7']").Click());
        var confirm = dialogs.WaitForElement(".mud-message-box");
        Assert.Contains("Revoke “Lobby”?", confirm.TextContent, StringComparison.Ordinal);
        await dialogs.InvokeAsync(() => dialogs.FindAll(".mud-message-box button").Single(button => button.TextContent.Trim() == "Revoke").Click());

        cut.WaitForAssertion(() => Assert.Equal("revoked", cut.Find("td[data-status]").GetAttribute("data-status")));
        Assert.Single(_kiosk.Calls, call => call == "revoke 7");
        Assert.Empty(cut.FindAll("[data-revoke]"));
    }

    [Fact]
    public async Task Settings_TurnMaskingOffAndSave_SavedOnceAndShownAsChangedBy()
    {
        var cut = Render<Settings>();
        cut.WaitForElement("#setting-mask-switch");
        Assert.True(cut.Find("#settings-save").HasAttribute("disabled"));
        Assert.Contains("Default from the configuration", cut.Find("#setting-mask").TextContent, StringComparison.Ordinal);

        await cut.InvokeAsync(() => cut.Find("#setting-mask-switch").Change(false));
        await cut.InvokeAsync(() => cut.Find("#settings-save").Click());

        cut.WaitForAssertion(() => Assert.Contains("Changed by ada", cut.Find("#setting-mask").TextContent, StringComparison.Ordinal));
        Assert.Equal([new DashboardSettingsValues(false, 365)], _settings.Saved);
        Assert.True(cut.Find("#settings-save").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Settings_RetentionRefused_ErrorOnTheFieldAndTheValueKept()
    {
        _settings.NextError = new OsviError(OsviErrorKind.Validation, null, "Keep the audit log between 0 (forever) and 3650 days.",
            [new OsviFieldError("auditRetentionDays", "Keep the audit log between 0 (forever) and 3650 days.")]);
        var cut = Render<Settings>();

        await cut.InvokeAsync(() => cut.WaitForElement("#setting-retention-days").Change("30"));
        await cut.InvokeAsync(() => cut.Find("#settings-save").Click());

        cut.WaitForAssertion(() => Assert.Contains("between 0 (forever) and 3650 days", cut.Find("#setting-retention .mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("30", cut.Find("#setting-retention-days").GetAttribute("value"));
        Assert.Equal([new DashboardSettingsValues(true, 30)], _settings.Saved);
    }

    [Fact]
    public void Audit_FilterInTheAddress_QueriesWithItAndTheExportLinkCarriesIt()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("audit?user=asha&category=dnd&result=Refused&from=2026-06-01&to=2026-06-12");

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(_audit.Queries));
        var query = _audit.Queries[^1];
        Assert.Equal(("asha", "dnd", AuditResult.Refused), (query.User, query.Category, query.Result));
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.FromHours(5.5)), query.From);
        Assert.Equal(new DateTimeOffset(2026, 6, 13, 0, 0, 0, TimeSpan.FromHours(5.5)), query.To);
        Assert.Equal("audit/export.csv?user=asha&category=dnd&result=Refused&from=2026-06-01&to=2026-06-12", cut.Find("#audit-export").GetAttribute("href"));
        Assert.Contains("No entries match", cut.Find("#audit-empty").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_Entries_ShowWhoWhatResultAndOsviAnswer()
    {
        _audit.Entries.Add(new AuditEntry
        {
            Id = 1, OccurredAt = Start, UserName = "asha", Category = AuditCategories.Dnd, Action = "dnd.add", Target = "agent-1", Phone = "+919876543210",
            Result = AuditResult.Failed, Message = "Number already blocked", StatusCode = 422, ErrorKind = "Validation", ParametersJson = "{\"reason\":\"asked\"}",
        });

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("td[data-action='dnd.add']")));
        Assert.Equal("Failed", cut.Find("td[data-result]").GetAttribute("data-result"));
        Assert.Contains("Number already blocked", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Validation, HTTP 422", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("12 Jun 2026, 12:00:00", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("+91 98765 43210", cut.Find("td[data-action='dnd.add']").ParentElement!.TextContent, StringComparison.Ordinal);
    }
}
