using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Osvi.Dashboard.Security.Accounts;

/// <summary>The outcome of a password sign-in, as the sign-in page shows it.</summary>
/// <param name="Succeeded">Signed in (the session cookie is on the response).</param>
/// <param name="Failure">Why not.</param>
/// <param name="LockedUntil">For a locked account, until when (null: until an administrator unlocks it).</param>
public sealed record PasswordSignInResult(bool Succeeded, SignInFailure? Failure = null, DateTimeOffset? LockedUntil = null);

/// <summary>Signs a person in with a user name and password: Identity's password check with lockout, the session cookie,
/// the last-sign-in time and an audit entry for every outcome. Used by the (statically rendered) sign-in page, which
/// owns the HTTP response the cookie goes on.</summary>
internal sealed class AccountSignIn(
    SignInManager<DashboardAccount> signIn,
    UserManager<DashboardAccount> users,
    IPasswordHasher<DashboardAccount> hasher,
    AccountEvents events,
    TimeProvider time)
{
    // Compared against for unknown user names, so they take as long to refuse as wrong passwords.
    private static readonly Lazy<(DashboardAccount Account, string Hash)> s_decoy = new(() =>
    {
        var account = new DashboardAccount { UserName = "decoy" };
        return (account, new PasswordHasher<DashboardAccount>().HashPassword(account, Guid.NewGuid().ToString()));
    });

    public async Task<PasswordSignInResult> PasswordSignInAsync(HttpContext http, string userName, string password)
    {
        userName = userName.Trim();
        var account = await users.FindByNameAsync(userName);
        if (account is null)
        {
            hasher.VerifyHashedPassword(s_decoy.Value.Account, s_decoy.Value.Hash, password);
            await events.SignInFailedAsync(userName, "password", SignInFailure.UnknownUser, "No account has this user name.");
            return new PasswordSignInResult(false, SignInFailure.UnknownUser);
        }

        if (account.ExternalProvider is not null && !await users.HasPasswordAsync(account))
        {
            await events.SignInFailedAsync(userName, "password", SignInFailure.ExternalAccount, "The account signs in through the identity provider.");
            return new PasswordSignInResult(false, SignInFailure.ExternalAccount);
        }

        var result = await signIn.PasswordSignInAsync(account, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // A browser that was a wallboard becomes a staff browser.
            await http.SignOutAsync(DashboardAuthentication.KioskScheme);
            account.LastSignInAt = time.GetUtcNow();
            await users.UpdateAsync(account);
            var role = (await users.GetRolesAsync(account)).FirstOrDefault() ?? "none";
            await events.SignedInAsync(account, role, "password");
            return new PasswordSignInResult(true);
        }

        if (result.IsLockedOut)
        {
            var until = await users.GetLockoutEndDateAsync(account);
            var byAdministrator = until == AccountLocks.Indefinitely;
            await events.SignInFailedAsync(userName, "password", SignInFailure.LockedOut,
                byAdministrator ? "The account is locked by an administrator." : $"The account is locked until {until:u} after too many wrong passwords.");
            return new PasswordSignInResult(false, SignInFailure.LockedOut, byAdministrator ? null : until);
        }

        var failures = await users.GetAccessFailedCountAsync(account);
        await events.SignInFailedAsync(userName, "password", SignInFailure.WrongPassword, $"Wrong password ({failures} in a row).");
        return new PasswordSignInResult(false, SignInFailure.WrongPassword);
    }
}

/// <summary>How an administrator's lock is stored: a lockout that never ends by itself.</summary>
public static class AccountLocks
{
    /// <summary>The lockout end of an account an administrator locked.</summary>
    public static readonly DateTimeOffset Indefinitely = DateTimeOffset.MaxValue;
}
