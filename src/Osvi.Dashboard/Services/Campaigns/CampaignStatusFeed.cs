using Osvi.Dashboard.Live;

namespace Osvi.Dashboard.Services.Campaigns;

/// <summary>The live feed of one campaign: one <c>GET /v1/campaigns/{id}/status</c> per interval however many circuits
/// watch it, none when nobody does. Each poll also feeds <see cref="CampaignHistory"/>, which turns the recent snapshots
/// into pace, ETA and the failure share.</summary>
/// <param name="CampaignId">OSVI's campaign id.</param>
public sealed record CampaignStatusKey(long CampaignId) : LiveKey<CampaignProgress>;

internal sealed class CampaignStatusFetcher(ICampaignsService campaigns, CampaignHistory history, TimeProvider time) : ILiveFetcher<CampaignStatusKey, CampaignProgress>
{
    public const string FeedName = "CampaignStatus";

    public async Task<ServiceResult<CampaignProgress>> FetchAsync(CampaignStatusKey key, CancellationToken ct)
    {
        var result = await campaigns.GetStatusAsync(key.CampaignId, ct);
        return result.Map(status => history.Record(status, time.GetUtcNow()));
    }
}
