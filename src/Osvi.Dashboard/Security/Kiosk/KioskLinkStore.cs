using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Osvi.Dashboard.Data;

namespace Osvi.Dashboard.Security.Kiosk;

/// <summary>Kiosk link secrets and the principal a link signs a wallboard in as. The secret is 32 random bytes
/// (base64url); only its SHA-256 is stored, so the database alone never opens the wallboard.</summary>
public sealed class KioskLinkStore(IDbContextFactory<DashboardDbContext> database, TimeProvider time)
{
    /// <summary>The authentication type of a kiosk principal.</summary>
    public const string AuthenticationType = "Kiosk";

    /// <summary>A new secret (43 URL-safe characters).</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of a secret.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret ?? "")));

    /// <summary>Looks up the link a secret opens; records the use when it is active.</summary>
    public async Task<KioskOpening> OpenAsync(string? secret, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 200)
        {
            return new KioskOpening(KioskOpeningOutcome.Unknown, null);
        }

        var hash = Hash(secret.Trim());
        await using var db = await database.CreateDbContextAsync(ct);
        var link = await db.KioskLinks.SingleOrDefaultAsync(candidate => candidate.SecretHash == hash, ct);
        var now = time.GetUtcNow();
        var outcome = link switch
        {
            null => KioskOpeningOutcome.Unknown,
            { RevokedAt: not null } => KioskOpeningOutcome.Revoked,
            _ when !link.IsActiveAt(now) => KioskOpeningOutcome.Expired,
            _ => KioskOpeningOutcome.Opened,
        };
        if (outcome == KioskOpeningOutcome.Opened)
        {
            link!.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }

        return new KioskOpening(outcome, link);
    }

    /// <summary>True while the link with <paramref name="id"/> exists, is not revoked and has not expired.</summary>
    public async Task<bool> IsActiveAsync(long id, CancellationToken ct)
    {
        await using var db = await database.CreateDbContextAsync(ct);
        var link = await db.KioskLinks.AsNoTracking().SingleOrDefaultAsync(candidate => candidate.Id == id, ct);
        return link is not null && link.IsActiveAt(time.GetUtcNow());
    }

    /// <summary>True while the kiosk principal's link is active (false for any other principal).</summary>
    public Task<bool> IsActiveAsync(ClaimsPrincipal principal, CancellationToken ct) =>
        LinkId(principal) is { } id ? IsActiveAsync(id, ct) : Task.FromResult(false);

    /// <summary>The principal of a wallboard opened with <paramref name="link"/>: signed in, no role, no permission.</summary>
    public static ClaimsPrincipal PrincipalFor(KioskLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var id = link.Id.ToString(CultureInfo.InvariantCulture);
        return new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "kiosk-" + id),
            new Claim(ClaimTypes.Name, "kiosk: " + link.Name),
            new Claim(DashboardClaims.KioskLink, id),
        ], AuthenticationType));
    }

    /// <summary>The kiosk link id of a kiosk principal.</summary>
    public static long? LinkId(ClaimsPrincipal principal) =>
        long.TryParse(principal?.FindFirstValue(DashboardClaims.KioskLink), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What opening a kiosk link found.</summary>
public enum KioskOpeningOutcome
{
    /// <summary>Active: the browser may be signed in as the wallboard.</summary>
    Opened,

    /// <summary>No link has this secret.</summary>
    Unknown,

    /// <summary>An administrator revoked it.</summary>
    Revoked,

    /// <summary>Its expiry has passed.</summary>
    Expired,
}

/// <summary>The outcome of opening a kiosk link, with the link when the secret matched one.</summary>
/// <param name="Outcome">What was found.</param>
/// <param name="Link">The link (null when unknown).</param>
public sealed record KioskOpening(KioskOpeningOutcome Outcome, KioskLink? Link);
