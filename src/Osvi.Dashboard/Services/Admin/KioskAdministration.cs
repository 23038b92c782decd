using Microsoft.EntityFrameworkCore;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Data;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Kiosk;

namespace Osvi.Dashboard.Services.Admin;

/// <summary>One kiosk link as the Kiosk links page shows it (never its secret).</summary>
/// <param name="Id">Row id.</param>
/// <param name="Name">What it is called.</param>
/// <param name="CreatedAt">When created.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="ExpiresAt">When it stops by itself.</param>
/// <param name="RevokedAt">When revoked.</param>
/// <param name="RevokedBy">Who revoked it.</param>
/// <param name="LastUsedAt">When a screen last opened it.</param>
/// <param name="IsActive">Opens the wallboard now.</param>
public sealed record KioskLinkView(long Id, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt, string? RevokedBy, DateTimeOffset? LastUsedAt, bool IsActive);

/// <summary>A link just created: the only time its secret exists outside the browser that opens it.</summary>
/// <param name="Link">The link.</param>
/// <param name="RelativeUrl">The address to open on the screen, relative to the dashboard's base (<c>kiosk?key=…</c>).</param>
public sealed record CreatedKioskLink(KioskLinkView Link, string RelativeUrl);

/// <summary>Kiosk links for the wallboard (administrators only; every change audited). A revoked or expired link stops
/// working on the next request and on an open wallboard within <c>Dashboard:Security:RevalidationInterval</c>.</summary>
public interface IKioskAdministration
{
    /// <summary>Every link, newest first.</summary>
    Task<ServiceResult<IReadOnlyList<KioskLinkView>>> ListAsync(CancellationToken ct);

    /// <summary>Creates a link (<paramref name="expiresAt"/> null: until revoked).</summary>
    Task<ServiceResult<CreatedKioskLink>> CreateAsync(string name, DateTimeOffset? expiresAt, CancellationToken ct);

    /// <summary>Revokes a link.</summary>
    Task<ServiceResult<KioskLinkView>> RevokeAsync(long id, CancellationToken ct);
}

internal sealed class KioskAdministration(IDbContextFactory<DashboardDbContext> database, IAuditedActions actions, IPermissionGuard guard,
    ICurrentUser currentUser, TimeProvider time) : IKioskAdministration
{
    public const int MaxNameLength = 100;

    public async Task<ServiceResult<IReadOnlyList<KioskLinkView>>> ListAsync(CancellationToken ct)
    {
        var check = await guard.EnsureAllowedAsync(DashboardPermission.ManageKioskLinks, "kiosk.list");
        if (!check.Allowed)
        {
            return ServiceResult<IReadOnlyList<KioskLinkView>>.Refused(check.Refusal!);
        }

        await using var db = await database.CreateDbContextAsync(ct);
        var links = await db.KioskLinks.AsNoTracking().OrderByDescending(link => link.Id).ToListAsync(ct);
        return ServiceResult<IReadOnlyList<KioskLinkView>>.Success([.. links.Select(View)]);
    }

    public Task<ServiceResult<CreatedKioskLink>> CreateAsync(string name, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        name = name?.Trim() ?? "";
        return actions.RunAsync(DashboardPermission.ManageKioskLinks,
            new AuditRecord { Category = AuditCategories.Kiosk, Action = "kiosk.create", Target = name, Source = "kiosk-page",
                              Parameters = new Dictionary<string, object?> { ["expires_at"] = expiresAt } },
            async token =>
            {
                if (name.Length == 0 || name.Length > MaxNameLength)
                {
                    return ServiceResult<CreatedKioskLink>.Failed(AdminErrors.Invalid($"Give the link a name of 1 to {MaxNameLength} characters, e.g. the screen's place.", "name"));
                }

                if (expiresAt is { } expiry && expiry <= time.GetUtcNow())
                {
                    return ServiceResult<CreatedKioskLink>.Failed(AdminErrors.Invalid("The expiry must be in the future.", "expiresAt"));
                }

                var secret = KioskLinkStore.NewSecret();
                var link = new KioskLink
                {
                    Name = name,
                    SecretHash = KioskLinkStore.Hash(secret),
                    CreatedAt = time.GetUtcNow(),
                    CreatedBy = (await currentUser.GetAsync()).Name,
                    ExpiresAt = expiresAt,
                };
                await using var db = await database.CreateDbContextAsync(token);
                db.KioskLinks.Add(link);
                await db.SaveChangesAsync(token);
                var url = $"{DashboardAuthentication.KioskPath.TrimStart('/')}?{DashboardAuthentication.KioskKeyParameter}={secret}";
                return ServiceResult<CreatedKioskLink>.Success(new CreatedKioskLink(View(link), url));
            },
            created => $"Kiosk link {created.Link.Id} created.", ct);
    }

    public Task<ServiceResult<KioskLinkView>> RevokeAsync(long id, CancellationToken ct) =>
        actions.RunAsync(DashboardPermission.ManageKioskLinks,
            new AuditRecord { Category = AuditCategories.Kiosk, Action = "kiosk.revoke", Target = $"kiosk link {id}", Source = "kiosk-page" },
            async token =>
            {
                await using var db = await database.CreateDbContextAsync(token);
                var link = await db.KioskLinks.SingleOrDefaultAsync(candidate => candidate.Id == id, token);
                if (link is null)
                {
                    return ServiceResult<KioskLinkView>.Failed(AdminErrors.NotFound("The kiosk link"));
                }

                if (link.RevokedAt is null)
                {
                    link.RevokedAt = time.GetUtcNow();
                    link.RevokedBy = (await currentUser.GetAsync()).Name;
                    await db.SaveChangesAsync(token);
                }

                return ServiceResult<KioskLinkView>.Success(View(link));
            },
            revoked => $"Kiosk link {revoked.Id} ({revoked.Name}) revoked.", ct);

    private KioskLinkView View(KioskLink link) =>
        new(link.Id, link.Name, link.CreatedAt, link.CreatedBy, link.ExpiresAt, link.RevokedAt, link.RevokedBy, link.LastUsedAt, link.IsActiveAt(time.GetUtcNow()));
}
