using Osvi.Client;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Admin;

namespace Osvi.Dashboard.Testing.Fakes;

/// <summary>Hand-written fakes of the administration services for page tests: each records what the page asked and
/// answers what the test set (<c>Next…</c>), so a test sees exactly one call per click.</summary>
public sealed class FakeUserAdministration : IUserAdministration
{
    public List<AccountView> Accounts { get; } = [];

    public List<string> Calls { get; } = [];

    /// <summary>When set, the next change answers this instead of succeeding.</summary>
    public OsviError? NextError { get; set; }

    public ServiceRefusal? ListRefusal { get; set; }

    public string GeneratedPassword { get; set; } = "abcd-efgh-jkmn-pqrs";

    public static AccountView Account(string name, string role, AccountSource source = AccountSource.Local, bool locked = false) =>
        new("id-" + name, name, null, role, source, locked, null, 0, OsviTestContext.Start.AddDays(-3), "root", null);

    public Task<ServiceResult<IReadOnlyList<AccountView>>> ListAsync(CancellationToken ct)
    {
        Calls.Add("list");
        return Task.FromResult(ListRefusal is { } refusal ? ServiceResult<IReadOnlyList<AccountView>>.Refused(refusal) : ServiceResult<IReadOnlyList<AccountView>>.Success([.. Accounts]));
    }

    public Task<ServiceResult<AccountWithPassword>> CreateAsync(NewAccount account, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        Calls.Add($"create {account.UserName} {account.Role} {account.Password ?? "(generated)"}");
        if (TakeError() is { } error)
        {
            return Task.FromResult(ServiceResult<AccountWithPassword>.Failed(error));
        }

        var created = Account(account.UserName, account.Role);
        Accounts.Add(created);
        return Task.FromResult(ServiceResult<AccountWithPassword>.Success(new AccountWithPassword(created, string.IsNullOrEmpty(account.Password) ? GeneratedPassword : account.Password)));
    }

    public Task<ServiceResult<AccountView>> ChangeRoleAsync(string userId, string role, CancellationToken ct) =>
        Change($"role {userId} {role}", userId, account => account with { Role = role });

    public Task<ServiceResult<AccountView>> LockAsync(string userId, CancellationToken ct) =>
        Change($"lock {userId}", userId, account => account with { LockedByAdministrator = true });

    public Task<ServiceResult<AccountView>> UnlockAsync(string userId, CancellationToken ct) =>
        Change($"unlock {userId}", userId, account => account with { LockedByAdministrator = false, LockedUntil = null });

    public async Task<ServiceResult<AccountWithPassword>> ResetPasswordAsync(string userId, string? password, CancellationToken ct)
    {
        var result = await Change($"reset {userId}", userId, account => account);
        return result.Succeeded
            ? ServiceResult<AccountWithPassword>.Success(new AccountWithPassword(result.Value!, string.IsNullOrEmpty(password) ? GeneratedPassword : password))
            : ServiceResult<AccountWithPassword>.Failed(result.Error!);
    }

    private Task<ServiceResult<AccountView>> Change(string call, string userId, Func<AccountView, AccountView> change)
    {
        Calls.Add(call);
        if (TakeError() is { } error)
        {
            return Task.FromResult(ServiceResult<AccountView>.Failed(error));
        }

        var index = Accounts.FindIndex(account => account.Id == userId);
        Accounts[index] = change(Accounts[index]);
        return Task.FromResult(ServiceResult<AccountView>.Success(Accounts[index]));
    }

    private OsviError? TakeError()
    {
        var error = NextError;
        NextError = null;
        return error;
    }
}

/// <summary>Kiosk links in memory.</summary>
public sealed class FakeKioskAdministration : IKioskAdministration
{
    public List<KioskLinkView> Links { get; } = [];

    public List<string> Calls { get; } = [];

    public string Secret { get; set; } = "s3cr3t-kiosk-key-0123456789-abcdefghijklmnop";

    public Task<ServiceResult<IReadOnlyList<KioskLinkView>>> ListAsync(CancellationToken ct)
    {
        Calls.Add("list");
        return Task.FromResult(ServiceResult<IReadOnlyList<KioskLinkView>>.Success([.. Links]));
    }

    public Task<ServiceResult<CreatedKioskLink>> CreateAsync(string name, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        Calls.Add($"create {name} {expiresAt:O}");
        var link = new KioskLinkView(Links.Count + 1, name, OsviTestContext.Start, "test-user", expiresAt, null, null, null, true);
        Links.Insert(0, link);
        return Task.FromResult(ServiceResult<CreatedKioskLink>.Success(new CreatedKioskLink(link, "kiosk?key=" + Secret)));
    }

    public Task<ServiceResult<KioskLinkView>> RevokeAsync(long id, CancellationToken ct)
    {
        Calls.Add($"revoke {id}");
        var index = Links.FindIndex(link => link.Id == id);
        Links[index] = Links[index] with { RevokedAt = OsviTestContext.Start, RevokedBy = "test-user", IsActive = false };
        return Task.FromResult(ServiceResult<KioskLinkView>.Success(Links[index]));
    }
}

/// <summary>Run-time settings as the Settings page's service.</summary>
public sealed class FakeSettingsAdministration : ISettingsAdministration
{
    public DashboardSettingsValues Values { get; set; } = new(MaskPhoneNumbersForViewers: true, AuditRetentionDays: 365);

    public List<DashboardSettingsValues> Saved { get; } = [];

    public OsviError? NextError { get; set; }

    public Task<ServiceResult<DashboardSettingsView>> GetAsync(CancellationToken ct) => Task.FromResult(ServiceResult<DashboardSettingsView>.Success(View(null)));

    public Task<ServiceResult<DashboardSettingsView>> UpdateAsync(DashboardSettingsValues values, CancellationToken ct)
    {
        Saved.Add(values);
        if (NextError is { } error)
        {
            NextError = null;
            return Task.FromResult(ServiceResult<DashboardSettingsView>.Failed(error));
        }

        Values = values;
        return Task.FromResult(ServiceResult<DashboardSettingsView>.Success(View("ada")));
    }

    private DashboardSettingsView View(string? by) => new(Values, new DashboardSettingsValues(true, 365),
    [
        new DashboardSettingInfo(DashboardSettingKeys.MaskPhoneNumbersForViewers, Options.DashboardConfigNames.MaskPhoneNumbersForViewers, by is null, by is null ? null : OsviTestContext.Start, by),
        new DashboardSettingInfo(DashboardSettingKeys.AuditRetentionDays, Options.DashboardConfigNames.AuditRetentionDays, by is null, by is null ? null : OsviTestContext.Start, by),
    ]);
}

/// <summary>The audit log as the Audit page's service: answers <see cref="Entries"/> and records each query.</summary>
public sealed class FakeAuditBrowser : IAuditBrowser
{
    public List<AuditEntry> Entries { get; } = [];

    public List<AuditQuery> Queries { get; } = [];

    public Task<ServiceResult<AuditPage>> QueryAsync(AuditQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        Queries.Add(query);
        return Task.FromResult(ServiceResult<AuditPage>.Success(new AuditPage([.. Entries.Skip(query.Skip).Take(query.Take)], Entries.Count)));
    }

    public Task<ServiceResult<long>> ExportCsvAsync(AuditQuery query, Stream destination, CancellationToken ct) =>
        throw new NotSupportedException("The page links to the export endpoint; it never exports itself.");
}
