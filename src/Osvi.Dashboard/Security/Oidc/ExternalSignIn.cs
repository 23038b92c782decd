using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security.Accounts;

namespace Osvi.Dashboard.Security.Oidc;

/// <summary>Turns the identity provider's answer (in Identity's external cookie) into a dashboard session: the groups map
/// to a role (none: refused), the person gets a dashboard account linked to the provider's subject on first sign-in (so
/// an administrator sees and can lock them, and the audit log names them), the role follows the provider at every
/// sign-in, and a local account with the same name is never taken over.</summary>
internal sealed class ExternalSignIn(
    SignInManager<DashboardAccount> signIn,
    UserManager<DashboardAccount> users,
    IOptions<DashboardOptions> options,
    AccountEvents events,
    TimeProvider time)
{
    public async Task<SignInFailure?> CompleteAsync(HttpContext http)
    {
        var oidc = options.Value.Security.Oidc;
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            await events.SignInFailedAsync("(unknown)", DashboardAuthentication.OidcScheme, SignInFailure.ExternalFailed, "The identity provider's answer was missing or expired.");
            return SignInFailure.ExternalFailed;
        }

        var name = info.Principal.FindFirstValue(oidc.NameClaim) ?? info.Principal.FindFirstValue("email") ?? info.ProviderKey;
        var role = OidcRoles.Map(info.Principal, oidc);
        if (role is null)
        {
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            await events.SignInFailedAsync(name, DashboardAuthentication.OidcScheme, SignInFailure.NoRole,
                $"None of the '{oidc.RoleClaim}' values maps to a dashboard role ({DashboardConfigNames.Oidc}:RoleMap).");
            return SignInFailure.NoRole;
        }

        var account = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (account is null)
        {
            account = new DashboardAccount
            {
                UserName = await FreeUserNameAsync(name, info.ProviderKey),
                Email = info.Principal.FindFirstValue("email"),
                ExternalProvider = info.LoginProvider,
                CreatedAt = time.GetUtcNow(),
                CreatedBy = info.ProviderDisplayName ?? info.LoginProvider,
            };
            Check(await users.CreateAsync(account));
            Check(await users.AddLoginAsync(account, info));
        }

        if (await users.IsLockedOutAsync(account))
        {
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            await events.SignInFailedAsync(account.UserName ?? name, DashboardAuthentication.OidcScheme, SignInFailure.LockedOut, "The account is locked by an administrator.");
            return SignInFailure.LockedOut;
        }

        var current = await users.GetRolesAsync(account);
        if (current.Count != 1 || current[0] != role)
        {
            Check(await users.RemoveFromRolesAsync(account, current));
            Check(await users.AddToRoleAsync(account, role));
        }

        account.LastSignInAt = time.GetUtcNow();
        Check(await users.UpdateAsync(account));
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        await http.SignOutAsync(DashboardAuthentication.KioskScheme);
        await signIn.SignInAsync(account, isPersistent: false, info.LoginProvider);
        await events.SignedInAsync(account, role, DashboardAuthentication.OidcScheme);
        return null;
    }

    // The provider's name when it is free and valid for Identity, else a stable variant of it.
    private async Task<string> FreeUserNameAsync(string name, string subject)
    {
        var allowed = users.Options.User.AllowedUserNameCharacters;
        var cleaned = new string(name.Where(character => allowed.Contains(character, StringComparison.Ordinal)).ToArray());
        if (cleaned.Length == 0)
        {
            cleaned = "sso-user";
        }

        if (await users.FindByNameAsync(cleaned) is null)
        {
            return cleaned;
        }

        var suffix = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))[..8];
        return $"{cleaned}-{suffix}";
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not record the identity provider's account: " + string.Join(" ", result.Errors.Select(error => error.Description)));
        }
    }
}
