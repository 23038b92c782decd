using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Osvi.Dashboard.Data;

/// <summary>A campaign the dashboard watches (OSVI has no "list campaigns" endpoint).</summary>
public sealed class WatchedCampaign
{
    /// <summary>OSVI's campaign id (the key: a campaign is watched once).</summary>
    public long CampaignId { get; set; }

    /// <summary>A name given in the dashboard, if any.</summary>
    public string? LocalName { get; set; }

    /// <summary>Who added it.</summary>
    public required string AddedBy { get; set; }

    /// <summary>When it was added.</summary>
    public DateTimeOffset AddedAt { get; set; }
}

internal sealed class WatchedCampaignConfiguration : IEntityTypeConfiguration<WatchedCampaign>
{
    public void Configure(EntityTypeBuilder<WatchedCampaign> builder)
    {
        builder.ToTable("WatchedCampaigns");
        builder.HasKey(campaign => campaign.CampaignId);
        builder.Property(campaign => campaign.CampaignId).ValueGeneratedNever();
        builder.Property(campaign => campaign.LocalName).HasMaxLength(200);
        builder.Property(campaign => campaign.AddedBy).HasMaxLength(200);
    }
}
