using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Accounts;

namespace Osvi.Dashboard.Components.Account.Pages;

/// <summary>The sign-in page (static server rendering: the session cookie goes on this response). Shows the demo
/// accounts in demo mode, the identity provider's button when one is configured, and how to create the first account
/// when none exists.</summary>
public sealed partial class SignIn
{
    [Inject]
    public required DashboardModeInfo Mode { get; init; }

    [Inject]
    public required IOptions<DashboardOptions> Options { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required UserManager<DashboardAccount> Users { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    private AccountSignIn Accounts { get; set; } = null!;

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = null!;

    [SupplyParameterFromForm]
    private SignInInput Input { get; set; } = null!;

    [SupplyParameterFromQuery(Name = DashboardAuthentication.ReturnUrlParameter)]
    private string? ReturnUrl { get; set; }

    [SupplyParameterFromQuery(Name = "error")]
    private string? Error { get; set; }

    [SupplyParameterFromQuery(Name = "signedOut")]
    private string? SignedOut { get; set; }

    private OidcSignInOptions Oidc => Options.Value.Security.Oidc;

    private bool NoAccountYet { get; set; }

    private (string Kind, string Text)? Message { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new SignInInput();
        NoAccountYet = !Mode.IsDemo && !await Users.Users.AnyAsync();
        Message = Error switch
        {
            "external" => ("error", "Signing in through the identity provider did not work. Try again, or ask your administrator."),
            "no-role" => ("error", "Your identity provider account is not in a group that may use this dashboard. Ask your administrator."),
            "locked" => ("error", "This account is locked. Ask an administrator to unlock it."),
            _ when SignedOut is not null => ("info", "You are signed out."),
            _ => null,
        };
    }

    private async Task SignInAsync()
    {
        var result = await Accounts.PasswordSignInAsync(HttpContext, Input.UserName, Input.Password);
        if (result.Succeeded)
        {
            Navigation.NavigateTo(DashboardAuthentication.LocalReturnUrl(ReturnUrl));
            return;
        }

        // The password is never sent back; the user name is kept.
        Input.Password = "";
        Message = result.Failure switch
        {
            SignInFailure.LockedOut when result.LockedUntil is { } until =>
                ("error", $"This account is locked after too many wrong passwords. Try again in {Minutes(until)}, or ask an administrator to unlock it."),
            SignInFailure.LockedOut => ("error", "This account is locked. Ask an administrator to unlock it."),
            SignInFailure.ExternalAccount => ("error", $"This account signs in through {Oidc.DisplayName}: use the button below."),
            _ => ("error", "The user name or password is not right."),
        };
    }

    private string Minutes(DateTimeOffset until)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((until - Time.GetUtcNow()).TotalMinutes));
        return minutes == 1 ? "a minute" : $"{minutes} minutes";
    }

    private sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your user name.")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = "";
    }
}
