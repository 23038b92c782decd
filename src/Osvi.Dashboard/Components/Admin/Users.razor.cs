using Microsoft.AspNetCore.Components;
using MudBlazor;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Admin;

namespace Osvi.Dashboard.Components.Admin;

/// <summary>The Users page: accounts, their roles and state; create, change role, lock/unlock, reset password. Every
/// action goes through <see cref="IUserAdministration"/>, which checks the permission and writes the audit log.</summary>
public sealed partial class Users
{
    private ServiceResult<IReadOnlyList<AccountView>>? _accounts;
    private object? _failure;
    private string _failedOperation = "";

    [Inject]
    public required IUserAdministration Accounts { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required DashboardClock Clock { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _accounts = null;
        _accounts = await Accounts.ListAsync(CancellationToken.None);
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewUserDialog>("New user", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: AccountView created })
        {
            Snackbar.Add($"{created.UserName} can sign in now.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ChangeRoleAsync(AccountView account)
    {
        var dialog = await Dialogs.ShowAsync<ChangeRoleDialog>("Change role",
            new DialogParameters<ChangeRoleDialog> { { d => d.Account, account } }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: AccountView changed })
        {
            Snackbar.Add($"{changed.UserName} is now {DashboardRoles.DisplayName(changed.Role).ToLowerInvariant()}.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ResetPasswordAsync(AccountView account)
    {
        var dialog = await Dialogs.ShowAsync<ResetPasswordDialog>("Reset password",
            new DialogParameters<ResetPasswordDialog> { { d => d.Account, account } }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task LockAsync(AccountView account)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Lock {account.UserName}?",
            "They cannot sign in until an administrator unlocks the account, and their open pages end within a minute.",
            yesText: "Lock", cancelText: "Cancel");
        if (confirmed == true)
        {
            await ApplyAsync(() => Accounts.LockAsync(account.Id, CancellationToken.None), $"{account.UserName} is locked.", $"{account.UserName} was not locked");
        }
    }

    private Task UnlockAsync(AccountView account) =>
        ApplyAsync(() => Accounts.UnlockAsync(account.Id, CancellationToken.None), $"{account.UserName} can sign in again.", $"{account.UserName} was not unlocked");

    private async Task ApplyAsync(Func<Task<ServiceResult<AccountView>>> action, string success, string failure)
    {
        var result = await action();
        _failure = result.Failure;
        _failedOperation = failure;
        if (result.Succeeded)
        {
            Snackbar.Add(success, Severity.Success);
            await LoadAsync();
        }
    }

    private string Time(DateTimeOffset at) => Clock.ToLocal(at).ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string StatusKey(AccountView account) =>
        account.LockedByAdministrator ? "locked" : account.LockedUntil is not null ? "locked-out" : "active";

    private static string SourceText(AccountSource source) => source switch
    {
        AccountSource.Demo => "Demo password",
        AccountSource.External => "Identity provider",
        _ => "Password",
    };

    private static Color RoleColor(string role) => role switch
    {
        DashboardRoles.Admin => Color.Tertiary,
        DashboardRoles.Operator => Color.Primary,
        _ => Color.Default,
    };
}
