using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Osvi.Dashboard.Security.Kiosk;

/// <summary>A link that opens the wallboard on an office screen without a staff sign-in (table <c>KioskLinks</c>). Only
/// the SHA-256 of its secret is stored; the secret itself is shown once, when the link is created.</summary>
public sealed class KioskLink
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>What the admin called it, e.g. "Pune office TV".</summary>
    public required string Name { get; set; }

    /// <summary>SHA-256 of the secret, lowercase hex.</summary>
    public required string SecretHash { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who created it.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When it stops working by itself, if ever.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>When it was revoked.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Who revoked it.</summary>
    public string? RevokedBy { get; set; }

    /// <summary>The last time a browser opened it.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>True when it still opens the wallboard at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

internal sealed class KioskLinkConfiguration : IEntityTypeConfiguration<KioskLink>
{
    public void Configure(EntityTypeBuilder<KioskLink> builder)
    {
        builder.ToTable("KioskLinks");
        builder.HasKey(link => link.Id);
        builder.Property(link => link.Name).HasMaxLength(100);
        builder.Property(link => link.SecretHash).HasMaxLength(64);
        builder.Property(link => link.CreatedBy).HasMaxLength(200);
        builder.Property(link => link.RevokedBy).HasMaxLength(200);
        builder.HasIndex(link => link.SecretHash).IsUnique();
    }
}
