using Microsoft.EntityFrameworkCore;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Data;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Overview;

namespace Osvi.Dashboard.Services.Campaigns;

/// <summary>The result of watching a campaign.</summary>
/// <param name="Campaign">The watched campaign as stored.</param>
/// <param name="CampaignName">Its name in OSVI.</param>
/// <param name="AlreadyWatched">True when it was on the list before (nothing was added).</param>
public sealed record WatchOutcome(WatchedCampaignView Campaign, string CampaignName, bool AlreadyWatched);

/// <summary>The dashboard's own list of campaigns to follow (OSVI has no "list campaigns" endpoint).</summary>
public interface IWatchedCampaignsService
{
    /// <summary>Most characters a local name may have.</summary>
    const int MaxLocalNameLength = 200;

    /// <summary>The watched campaigns, in the order they were added.</summary>
    Task<IReadOnlyList<WatchedCampaignView>> ListAsync(CancellationToken ct);

    /// <summary>Checks the id against OSVI's status endpoint (an unknown id is a <c>NotFound</c> failure and nothing is
    /// stored), then adds it. Needs <see cref="DashboardPermission.ManageWatchedCampaigns"/>; audited.</summary>
    Task<ServiceResult<WatchOutcome>> WatchAsync(long campaignId, string? localName, CancellationToken ct);

    /// <summary>Sets or clears the local name. Needs <see cref="DashboardPermission.ManageWatchedCampaigns"/>; audited.
    /// The value is null when the campaign is not watched.</summary>
    Task<ServiceResult<WatchedCampaignView?>> RenameAsync(long campaignId, string? localName, CancellationToken ct);

    /// <summary>Stops watching. Needs <see cref="DashboardPermission.ManageWatchedCampaigns"/>; audited. The value is
    /// false when it was not watched.</summary>
    Task<ServiceResult<bool>> UnwatchAsync(long campaignId, CancellationToken ct);
}

internal sealed class WatchedCampaignsService(
    IDbContextFactory<DashboardDbContext> database,
    IOverviewService overview,
    ICampaignsService campaigns,
    IAuditedActions actions,
    ICurrentUser currentUser,
    TimeProvider time) : IWatchedCampaignsService
{
    public Task<IReadOnlyList<WatchedCampaignView>> ListAsync(CancellationToken ct) => overview.GetWatchedCampaignsAsync(ct);

    public Task<ServiceResult<WatchOutcome>> WatchAsync(long campaignId, string? localName, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(campaignId);
        var name = Clean(localName);
        return actions.RunAsync(DashboardPermission.ManageWatchedCampaigns,
            Record("campaign.watch", campaignId, name),
            async token =>
            {
                // The status endpoint is the only way to know a campaign exists on this account.
                var status = await campaigns.GetStatusAsync(campaignId, token);
                if (!status.Succeeded)
                {
                    return ServiceResult<WatchOutcome>.From(status);
                }

                var user = await currentUser.GetAsync();
                await using var db = await database.CreateDbContextAsync(token);
                var existing = await db.WatchedCampaigns.FindAsync([campaignId], token);
                if (existing is not null)
                {
                    return ServiceResult<WatchOutcome>.Success(new WatchOutcome(View(existing), status.Value.Name, AlreadyWatched: true));
                }

                var row = new WatchedCampaign { CampaignId = campaignId, LocalName = name, AddedBy = user.Name, AddedAt = time.GetUtcNow() };
                db.WatchedCampaigns.Add(row);
                await db.SaveChangesAsync(token);
                return ServiceResult<WatchOutcome>.Success(new WatchOutcome(View(row), status.Value.Name, AlreadyWatched: false));
            },
            outcome => outcome.AlreadyWatched ? $"already watched (\"{outcome.CampaignName}\")" : $"watching \"{outcome.CampaignName}\"",
            ct);
    }

    public Task<ServiceResult<WatchedCampaignView?>> RenameAsync(long campaignId, string? localName, CancellationToken ct)
    {
        var name = Clean(localName);
        return actions.RunAsync(DashboardPermission.ManageWatchedCampaigns,
            Record("campaign.rename", campaignId, name),
            async token =>
            {
                await using var db = await database.CreateDbContextAsync(token);
                var row = await db.WatchedCampaigns.FindAsync([campaignId], token);
                if (row is null)
                {
                    return ServiceResult<WatchedCampaignView?>.Success(null);
                }

                row.LocalName = name;
                await db.SaveChangesAsync(token);
                return ServiceResult<WatchedCampaignView?>.Success(View(row));
            },
            campaign => campaign is null ? "not watched" : name is null ? "local name cleared" : $"renamed to \"{name}\"",
            ct);
    }

    public Task<ServiceResult<bool>> UnwatchAsync(long campaignId, CancellationToken ct) =>
        actions.RunAsync(DashboardPermission.ManageWatchedCampaigns,
            Record("campaign.unwatch", campaignId, null),
            async token =>
            {
                await using var db = await database.CreateDbContextAsync(token);
                var removed = await db.WatchedCampaigns.Where(row => row.CampaignId == campaignId).ExecuteDeleteAsync(token);
                return ServiceResult<bool>.Success(removed > 0);
            },
            removed => removed ? "no longer watched" : "was not watched",
            ct);

    private static AuditRecord Record(string action, long campaignId, string? localName) => new()
    {
        Category = AuditCategories.Campaigns,
        Action = action,
        Target = $"campaign {campaignId}",
        Parameters = action == "campaign.unwatch" ? null : new Dictionary<string, object?> { ["campaign_id"] = campaignId, ["local_name"] = localName },
    };

    private static string? Clean(string? localName)
    {
        var name = localName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        return name.Length <= IWatchedCampaignsService.MaxLocalNameLength ? name
            : throw new ArgumentException($"A local name has at most {IWatchedCampaignsService.MaxLocalNameLength} characters.", nameof(localName));
    }

    private static WatchedCampaignView View(WatchedCampaign row) => new(row.CampaignId, row.LocalName, row.AddedBy, row.AddedAt);
}
