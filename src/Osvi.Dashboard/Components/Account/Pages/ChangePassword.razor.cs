using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Accounts;

namespace Osvi.Dashboard.Components.Account.Pages;

/// <summary>Change your own password (static server rendering: the session cookie is renewed on this response, so other
/// sessions of the account end at their next check while this one continues).</summary>
public sealed partial class ChangePassword
{
    [Inject]
    public required UserManager<DashboardAccount> Users { get; init; }

    [Inject]
    public required SignInManager<DashboardAccount> SignInManager { get; init; }

    [Inject]
    public required IOptions<IdentityOptions> Identity { get; init; }

    [Inject]
    private AccountEvents Events { get; set; } = null!;

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = null!;

    [SupplyParameterFromForm]
    private PasswordInput Input { get; set; } = null!;

    private DashboardAccount? Account { get; set; }

    private string UserName => Account?.UserName ?? HttpContext.User.Identity?.Name ?? "";

    private bool IsExternal => Account is { ExternalProvider: not null } account && account.PasswordHash is null;

    private int MinLength => Identity.Value.Password.RequiredLength;

    private (string Kind, string Text)? Message { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new PasswordInput();
        Account = await Users.GetUserAsync(HttpContext.User);
    }

    private async Task ChangeAsync()
    {
        var user = DashboardUser.From(HttpContext.User);
        if (Account is null || IsExternal)
        {
            Message = ("error", "This account has no password to change here.");
            return;
        }

        if (Input.New != Input.Confirm)
        {
            Message = ("error", "The two new passwords are not the same.");
            return;
        }

        var result = await Users.ChangePasswordAsync(Account, Input.Current, Input.New);
        Input = new PasswordInput();
        if (!result.Succeeded)
        {
            var reason = string.Join(" ", result.Errors.Select(error => error.Code == "PasswordMismatch" ? "The current password is not right." : error.Description));
            await Events.PasswordChangedAsync(user, new AuditOutcome(AuditResult.Failed, reason, ErrorKind: "Validation"));
            Message = ("error", reason);
            return;
        }

        // ChangePasswordAsync renewed the security stamp: re-issue this browser's cookie so only other sessions end.
        await SignInManager.RefreshSignInAsync(Account);
        await Events.PasswordChangedAsync(user, AuditOutcome.Succeeded("Password changed."));
        Message = ("success", "Your password was changed. Other browsers signed in as you will have to sign in again.");
    }

    private sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password.")]
        public string New { get; set; } = "";

        [Required(ErrorMessage = "Enter the new password again.")]
        public string Confirm { get; set; } = "";
    }
}
