using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Data;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Services.Admin;

namespace Osvi.Dashboard.Security.Accounts;

/// <summary>Brings the accounts to the state the mode needs, once at start-up (after migrations): the three role rows;
/// in demo mode one demo account per role; in live mode no demo account at all; and the first administrator from
/// <c>Dashboard:Security:BootstrapAdmin</c> when the database has no account yet — once, never again.</summary>
internal static partial class AccountSeeder
{
    /// <summary>Who created accounts that came from configuration.</summary>
    public const string ConfigurationCreator = "configuration";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccountSeeder));
        var users = provider.GetRequiredService<UserManager<DashboardAccount>>();
        var roles = provider.GetRequiredService<RoleManager<IdentityRole>>();
        var db = provider.GetRequiredService<DashboardDbContext>();
        var mode = provider.GetRequiredService<DashboardModeInfo>();
        var time = provider.GetRequiredService<TimeProvider>();
        var bootstrap = provider.GetRequiredService<IOptions<DashboardOptions>>().Value.Security.BootstrapAdmin;

        foreach (var role in DashboardRoles.All.Where(role => !roles.Roles.Any(existing => existing.Name == role)))
        {
            Check(await roles.CreateAsync(new IdentityRole(role)), $"create the role {role}");
        }

        if (mode.IsDemo)
        {
            await EnsureDemoAccountsAsync(users, time, logger);
        }
        else
        {
            var demo = await users.Users.Where(account => account.IsDemo).ToListAsync(ct);
            foreach (var account in demo)
            {
                Check(await users.DeleteAsync(account), $"delete the demo account {account.UserName}");
            }

            if (demo.Count > 0)
            {
                LogDemoAccountsRemoved(logger, demo.Count);
            }
        }

        await BootstrapAdminAsync(users, db, provider.GetRequiredService<IAuditLog>(), bootstrap, mode, time, logger, ct);
    }

    private static async Task EnsureDemoAccountsAsync(UserManager<DashboardAccount> users, TimeProvider time, ILogger logger)
    {
        foreach (var demo in DemoAccounts.All)
        {
            var account = await users.FindByNameAsync(demo.UserName);
            if (account is null)
            {
                account = new DashboardAccount { UserName = demo.UserName, IsDemo = true, CreatedAt = time.GetUtcNow(), CreatedBy = "demo" };
                Check(await users.CreateAsync(account, demo.Password), $"create the demo account {demo.UserName}");
                Check(await users.AddToRoleAsync(account, demo.Role), $"give {demo.UserName} its role");
                continue;
            }

            // The sign-in page shows these credentials: put back whatever a demo session changed.
            if (!await users.CheckPasswordAsync(account, demo.Password))
            {
                Check(await users.RemovePasswordAsync(account), $"reset {demo.UserName}");
                Check(await users.AddPasswordAsync(account, demo.Password), $"reset {demo.UserName}");
            }

            var current = await users.GetRolesAsync(account);
            if (current.Count != 1 || current[0] != demo.Role)
            {
                Check(await users.RemoveFromRolesAsync(account, current), $"reset the role of {demo.UserName}");
                Check(await users.AddToRoleAsync(account, demo.Role), $"reset the role of {demo.UserName}");
            }

            await users.SetLockoutEndDateAsync(account, null);
            await users.ResetAccessFailedCountAsync(account);
        }

        LogDemoAccounts(logger, string.Join(", ", DemoAccounts.All.Select(account => account.UserName)));
    }

    private static async Task BootstrapAdminAsync(UserManager<DashboardAccount> users, DashboardDbContext db, IAuditLog audit, BootstrapAdminOptions bootstrap,
        DashboardModeInfo mode, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        if (await db.DashboardSettings.AnyAsync(setting => setting.Key == DashboardSettingKeys.BootstrapCompleted, ct))
        {
            if (bootstrap.IsConfigured)
            {
                LogBootstrapIgnored(logger, DashboardConfigNames.BootstrapAdmin);
            }

            return;
        }

        var staffAccounts = await users.Users.CountAsync(account => !account.IsDemo, ct);
        if (staffAccounts == 0 && !bootstrap.IsConfigured)
        {
            if (!mode.IsDemo)
            {
                LogNoAccount(logger, DashboardConfigNames.BootstrapAdmin);
            }

            return;
        }

        if (staffAccounts == 0)
        {
            var admin = new DashboardAccount
            {
                UserName = bootstrap.UserName!.Trim(),
                Email = string.IsNullOrWhiteSpace(bootstrap.Email) ? null : bootstrap.Email.Trim(),
                CreatedAt = time.GetUtcNow(),
                CreatedBy = ConfigurationCreator,
            };
            Check(await users.CreateAsync(admin, bootstrap.Password!), $"create the first administrator from {DashboardConfigNames.BootstrapAdmin}");
            Check(await users.AddToRoleAsync(admin, DashboardRoles.Admin), "make the first account an administrator");
            LogBootstrapped(logger, admin.UserName, DashboardConfigNames.BootstrapAdmin);
            await audit.WriteAsync(new AuditRecord
            {
                Category = AuditCategories.Users, Action = "user.create", Target = admin.UserName, Source = ConfigurationCreator,
                Parameters = new Dictionary<string, object?> { ["role"] = DashboardRoles.Admin, ["from"] = DashboardConfigNames.BootstrapAdmin },
            }, new DashboardUser(ConfigurationCreator, null, false, []), AuditOutcome.Succeeded("The first administrator, created from the configuration."), ct);
        }

        // Accounts exist (created now, or before this marker existed): the bootstrap has served its purpose.
        db.DashboardSettings.Add(new DashboardSetting
        {
            Key = DashboardSettingKeys.BootstrapCompleted,
            Value = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            UpdatedAt = time.GetUtcNow(),
            UpdatedBy = ConfigurationCreator,
        });
        await db.SaveChangesAsync(ct);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(error => error.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live mode: removed {Count} demo accounts from the database (their passwords are public)")]
    private static partial void LogDemoAccountsRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo accounts ready ({Accounts}); their passwords are shown on the sign-in page")]
    private static partial void LogDemoAccounts(ILogger logger, string accounts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No account exists yet, so nobody can sign in. Set {Key}:UserName and {Key}:Password (environment variables Dashboard__Security__BootstrapAdmin__UserName and __Password, or secret files) and restart to create the first administrator.")]
    private static partial void LogNoAccount(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first administrator {UserName} from {Key}. Remove the password from the environment now: it is never read again.")]
    private static partial void LogBootstrapped(ILogger logger, string userName, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Key} is ignored: the first administrator was created on an earlier start. Remove it from the environment.")]
    private static partial void LogBootstrapIgnored(ILogger logger, string key);
}
