using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Osvi.Dashboard.Services.Admin;

/// <summary>One run-time setting an administrator changed (table <c>DashboardSettings</c>). A setting without a row
/// has its default from configuration.</summary>
public sealed class DashboardSetting
{
    /// <summary>The setting's key (see <see cref="DashboardSettingKeys"/>).</summary>
    public required string Key { get; set; }

    /// <summary>The value, invariant text.</summary>
    public required string Value { get; set; }

    /// <summary>When it was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who changed it.</summary>
    public required string UpdatedBy { get; set; }
}

/// <summary>The keys of <see cref="DashboardSetting"/> rows.</summary>
public static class DashboardSettingKeys
{
    /// <summary>Viewers see phone numbers masked to the last 4 digits.</summary>
    public const string MaskPhoneNumbersForViewers = "security.mask-phone-numbers-for-viewers";

    /// <summary>Days the audit log keeps its entries (0 = forever).</summary>
    public const string AuditRetentionDays = "audit.retention-days";

    /// <summary>Set once the first administrator was created from configuration (it is never created again).</summary>
    public const string BootstrapCompleted = "security.bootstrap-completed";
}

internal sealed class DashboardSettingConfiguration : IEntityTypeConfiguration<DashboardSetting>
{
    public void Configure(EntityTypeBuilder<DashboardSetting> builder)
    {
        builder.ToTable("DashboardSettings");
        builder.HasKey(setting => setting.Key);
        builder.Property(setting => setting.Key).HasMaxLength(80);
        builder.Property(setting => setting.Value).HasMaxLength(400);
        builder.Property(setting => setting.UpdatedBy).HasMaxLength(200);
    }
}
