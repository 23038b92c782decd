using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Accounts;

namespace Osvi.Dashboard.Services.Admin;

/// <summary>How an account signs in.</summary>
public enum AccountSource
{
    /// <summary>A local password.</summary>
    Local,

    /// <summary>A demo account (demo mode only).</summary>
    Demo,

    /// <summary>The OpenID Connect identity provider.</summary>
    External,
}

/// <summary>One account as the Users page shows it.</summary>
/// <param name="Id">Identity's user id.</param>
/// <param name="UserName">The user name.</param>
/// <param name="Email">The e-mail address, if known.</param>
/// <param name="Role">The dashboard role (<c>viewer</c>, <c>operator</c>, <c>admin</c>).</param>
/// <param name="Source">Local, demo or identity provider.</param>
/// <param name="LockedByAdministrator">Locked until an administrator unlocks it.</param>
/// <param name="LockedUntil">Locked after too many wrong passwords, until this time.</param>
/// <param name="FailedSignIns">Wrong passwords in a row.</param>
/// <param name="CreatedAt">When created.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="LastSignInAt">The last successful sign-in.</param>
public sealed record AccountView(string Id, string UserName, string? Email, string Role, AccountSource Source, bool LockedByAdministrator,
    DateTimeOffset? LockedUntil, int FailedSignIns, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? LastSignInAt);

/// <summary>A new local account.</summary>
/// <param name="UserName">Letters, digits and <c>-._@+</c>.</param>
/// <param name="Role">The dashboard role.</param>
/// <param name="Password">The first password; null or empty generates one (shown once).</param>
/// <param name="Email">Optional.</param>
public sealed record NewAccount(string UserName, string Role, string? Password, string? Email = null);

/// <summary>An account with a password to hand over once (created, or reset).</summary>
/// <param name="Account">The account.</param>
/// <param name="Password">The password; shown once, stored only hashed.</param>
public sealed record AccountWithPassword(AccountView Account, string Password);

/// <summary>Manage who may sign in (administrators only, checked here on every call, and audited: who did what to whom,
/// with the outcome). The last unlocked administrator cannot be demoted or locked, and nobody locks themselves out.</summary>
public interface IUserAdministration
{
    /// <summary>Every account, by user name.</summary>
    Task<ServiceResult<IReadOnlyList<AccountView>>> ListAsync(CancellationToken ct);

    /// <summary>Creates a local account.</summary>
    Task<ServiceResult<AccountWithPassword>> CreateAsync(NewAccount account, CancellationToken ct);

    /// <summary>Gives an account another role (its sessions end at their next check).</summary>
    Task<ServiceResult<AccountView>> ChangeRoleAsync(string userId, string role, CancellationToken ct);

    /// <summary>Locks an account until an administrator unlocks it (its sessions end at their next check).</summary>
    Task<ServiceResult<AccountView>> LockAsync(string userId, CancellationToken ct);

    /// <summary>Unlocks an account (also one locked after too many wrong passwords).</summary>
    Task<ServiceResult<AccountView>> UnlockAsync(string userId, CancellationToken ct);

    /// <summary>Sets a new password (generated when <paramref name="password"/> is empty); the account's sessions end.</summary>
    Task<ServiceResult<AccountWithPassword>> ResetPasswordAsync(string userId, string? password, CancellationToken ct);
}

internal sealed class UserAdministration(IServiceScopeFactory scopes, IAuditedActions actions, IPermissionGuard guard, ICurrentUser currentUser, TimeProvider time) : IUserAdministration
{
    public async Task<ServiceResult<IReadOnlyList<AccountView>>> ListAsync(CancellationToken ct)
    {
        var check = await guard.EnsureAllowedAsync(DashboardPermission.ManageUsers, "user.list");
        if (!check.Allowed)
        {
            return ServiceResult<IReadOnlyList<AccountView>>.Refused(check.Refusal!);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var accounts = await users.Users.AsNoTracking().OrderBy(account => account.UserName).ToListAsync(ct);
        var roles = await RolesByUserAsync(scope, ct);
        return ServiceResult<IReadOnlyList<AccountView>>.Success([.. accounts.Select(account => View(account, roles.GetValueOrDefault(account.Id, "")))]);
    }

    public Task<ServiceResult<AccountWithPassword>> CreateAsync(NewAccount account, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        var userName = account.UserName?.Trim() ?? "";
        return actions.RunAsync(DashboardPermission.ManageUsers,
            new AuditRecord { Category = AuditCategories.Users, Action = "user.create", Target = userName, Source = "users-page",
                              Parameters = new Dictionary<string, object?> { ["role"] = account.Role, ["email"] = account.Email, ["password"] = string.IsNullOrEmpty(account.Password) ? "generated" : "set by the administrator" } },
            async token =>
            {
                if (!DashboardRoles.IsKnown(account.Role))
                {
                    return ServiceResult<AccountWithPassword>.Failed(AdminErrors.Invalid("Choose a role.", "role"));
                }

                await using var scope = scopes.CreateAsyncScope();
                var users = Users(scope);
                var password = string.IsNullOrEmpty(account.Password) ? GeneratePassword(users.Options.Password.RequiredLength) : account.Password;
                var actor = await currentUser.GetAsync();
                var created = new DashboardAccount
                {
                    UserName = userName,
                    Email = string.IsNullOrWhiteSpace(account.Email) ? null : account.Email.Trim(),
                    CreatedAt = time.GetUtcNow(),
                    CreatedBy = actor.Name,
                };
                var result = await users.CreateAsync(created, password);
                if (!result.Succeeded)
                {
                    return ServiceResult<AccountWithPassword>.Failed(Describe(result));
                }

                await Check(users.AddToRoleAsync(created, account.Role.ToLowerInvariant()));
                return ServiceResult<AccountWithPassword>.Success(new AccountWithPassword(View(created, account.Role.ToLowerInvariant()), password));
            },
            created => $"Created {created.Account.UserName} as {created.Account.Role}.", ct);
    }

    public Task<ServiceResult<AccountView>> ChangeRoleAsync(string userId, string role, CancellationToken ct) =>
        ChangeAsync(userId, "user.role", new Dictionary<string, object?> { ["role"] = role }, async (users, account, current, token) =>
        {
            if (!DashboardRoles.IsKnown(role))
            {
                return AdminErrors.Invalid("Choose a role.", "role");
            }

            role = role.ToLowerInvariant();
            if (current == role)
            {
                return null;
            }

            if (current == DashboardRoles.Admin && await IsLastAdministratorAsync(users, account, token))
            {
                return AdminErrors.Invalid("This is the last administrator who can sign in: make someone else an administrator first.", "role");
            }

            await Check(users.RemoveFromRolesAsync(account, await users.GetRolesAsync(account)));
            await Check(users.AddToRoleAsync(account, role));
            await Check(users.UpdateSecurityStampAsync(account));
            return null;
        }, view => $"Role changed to {view.Role}.", ct);

    public Task<ServiceResult<AccountView>> LockAsync(string userId, CancellationToken ct) =>
        ChangeAsync(userId, "user.lock", null, async (users, account, current, token) =>
        {
            if ((await currentUser.GetAsync()).Id == account.Id)
            {
                return AdminErrors.Invalid("You cannot lock your own account.");
            }

            if (current == DashboardRoles.Admin && await IsLastAdministratorAsync(users, account, token))
            {
                return AdminErrors.Invalid("This is the last administrator who can sign in: it cannot be locked.");
            }

            await Check(users.SetLockoutEnabledAsync(account, true));
            await Check(users.SetLockoutEndDateAsync(account, AccountLocks.Indefinitely));
            await Check(users.UpdateSecurityStampAsync(account));
            return null;
        }, _ => "Locked.", ct);

    public Task<ServiceResult<AccountView>> UnlockAsync(string userId, CancellationToken ct) =>
        ChangeAsync(userId, "user.unlock", null, async (users, account, current, token) =>
        {
            await Check(users.SetLockoutEndDateAsync(account, null));
            await Check(users.ResetAccessFailedCountAsync(account));
            return null;
        }, _ => "Unlocked.", ct);

    public async Task<ServiceResult<AccountWithPassword>> ResetPasswordAsync(string userId, string? password, CancellationToken ct)
    {
        string? newPassword = null;
        var result = await ChangeAsync(userId, "user.password-reset",
            new Dictionary<string, object?> { ["password"] = string.IsNullOrEmpty(password) ? "generated" : "set by the administrator" },
            async (users, account, current, token) =>
            {
                if (account.ExternalProvider is not null && !await users.HasPasswordAsync(account))
                {
                    return AdminErrors.Invalid("This account signs in through the identity provider; it has no password here.");
                }

                newPassword = string.IsNullOrEmpty(password) ? GeneratePassword(users.Options.Password.RequiredLength) : password;
                var reset = await users.ResetPasswordAsync(account, await users.GeneratePasswordResetTokenAsync(account), newPassword);
                return reset.Succeeded ? null : Describe(reset, "password");
            }, _ => "Password reset.", ct);
        return result.Succeeded ? ServiceResult<AccountWithPassword>.Success(new AccountWithPassword(result.Value, newPassword!)) : ServiceResult<AccountWithPassword>.From(result);
    }

    // One audited change to one existing account: find it, apply, and answer with its new state.
    private async Task<ServiceResult<AccountView>> ChangeAsync(string userId, string action, Dictionary<string, object?>? parameters,
        Func<UserManager<DashboardAccount>, DashboardAccount, string, CancellationToken, Task<Osvi.Client.OsviError?>> change,
        Func<AccountView, string?> successMessage, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var account = await users.FindByIdAsync(userId ?? "");
        var current = account is null ? "" : (await users.GetRolesAsync(account)).FirstOrDefault() ?? "";
        var record = new AuditRecord
        {
            Category = AuditCategories.Users, Action = action, Target = account?.UserName ?? userId, Source = "users-page",
            Parameters = parameters is null ? null : new Dictionary<string, object?>(parameters) { ["previous_role"] = current },
        };
        return await actions.RunAsync(DashboardPermission.ManageUsers, record, async token =>
        {
            if (account is null)
            {
                return ServiceResult<AccountView>.Failed(AdminErrors.NotFound("The account"));
            }

            if (await change(users, account, current, token) is { } error)
            {
                return ServiceResult<AccountView>.Failed(error);
            }

            var fresh = await users.FindByIdAsync(account.Id);
            return ServiceResult<AccountView>.Success(View(fresh!, (await users.GetRolesAsync(fresh!)).FirstOrDefault() ?? ""));
        }, successMessage, ct);
    }

    private async Task<bool> IsLastAdministratorAsync(UserManager<DashboardAccount> users, DashboardAccount account, CancellationToken ct)
    {
        var admins = await users.GetUsersInRoleAsync(DashboardRoles.Admin);
        var now = time.GetUtcNow();
        return !admins.Any(admin => admin.Id != account.Id && !admin.IsDemo && (admin.LockoutEnd is null || admin.LockoutEnd <= now))
            && !account.IsDemo;
    }

    private static async Task<Dictionary<string, string>> RolesByUserAsync(AsyncServiceScope scope, CancellationToken ct)
    {
        var db = scope.ServiceProvider.GetRequiredService<Data.DashboardDbContext>();
        var rows = await (from link in db.UserRoles join role in db.Roles on link.RoleId equals role.Id select new { link.UserId, role.Name }).ToListAsync(ct);
        return rows.GroupBy(row => row.UserId).ToDictionary(group => group.Key, group => group.Select(row => row.Name ?? "").OrderByDescending(RoleRank).First());
    }

    private static int RoleRank(string role) => DashboardRoles.All.ToList().IndexOf(role);

    private AccountView View(DashboardAccount account, string role)
    {
        var now = time.GetUtcNow();
        var byAdministrator = account.LockoutEnd == AccountLocks.Indefinitely;
        return new AccountView(account.Id, account.UserName ?? "", account.Email, role,
            account.IsDemo ? AccountSource.Demo : account.ExternalProvider is not null ? AccountSource.External : AccountSource.Local,
            byAdministrator, !byAdministrator && account.LockoutEnd > now ? account.LockoutEnd : null, account.AccessFailedCount,
            account.CreatedAt, account.CreatedBy, account.LastSignInAt);
    }

    private static UserManager<DashboardAccount> Users(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<UserManager<DashboardAccount>>();

    private static Osvi.Client.OsviError Describe(IdentityResult result, string? field = null)
    {
        var errors = result.Errors.ToList();
        var target = field ?? (errors.All(error => error.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password"
            : errors.Any(error => error.Code.Contains("UserName", StringComparison.Ordinal)) ? "userName" : "");
        return AdminErrors.Invalid(target, errors.Select(error => error.Description));
    }

    private static async Task Check(Task<IdentityResult> operation)
    {
        var result = await operation;
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(error => error.Description)));
        }
    }

    // Readable, unambiguous, long enough: groups of lowercase letters and digits.
    internal static string GeneratePassword(int minLength)
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var length = Math.Max(16, minLength);
        var characters = new char[length + (length / 4)];
        var position = 0;
        for (var i = 0; i < length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                characters[position++] = '-';
            }

            characters[position++] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(characters, 0, position);
    }
}
