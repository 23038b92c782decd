using Osvi.Client.Contracts;

namespace Osvi.Dashboard.Services.Campaigns;

/// <summary>OSVI's campaigns, read-only (watching and uploading have their own services).</summary>
public interface ICampaignsService
{
    /// <summary>One campaign's settings, outcomes and uploads (<c>GET /v1/campaigns/{id}/status</c>); an unknown id is
    /// a <see cref="Osvi.Client.OsviErrorKind.NotFound"/> failure.</summary>
    Task<ServiceResult<CampaignStatusView>> GetStatusAsync(long campaignId, CancellationToken ct);

    /// <summary>Campaign ids found in the most recent calls (one <c>GET /v1/calls?per_page=100</c>), most calls first,
    /// leaving out <paramref name="exclude"/> (e.g. the ones already watched). OSVI cannot list campaigns; this is how
    /// the dashboard offers some.</summary>
    Task<ServiceResult<IReadOnlyList<CampaignSuggestion>>> SuggestFromRecentCallsAsync(IReadOnlySet<long> exclude, CancellationToken ct);
}

internal sealed class CampaignsService(OsviGateway osvi) : ICampaignsService
{
    private const int RecentCalls = 100;

    public Task<ServiceResult<CampaignStatusView>> GetStatusAsync(long campaignId, CancellationToken ct) =>
        osvi.SendAsync("read campaign status", (api, token) => api.GetCampaignStatusAsync(campaignId, token), envelope => CampaignStatusView.From(envelope.Data), ct);

    public Task<ServiceResult<IReadOnlyList<CampaignSuggestion>>> SuggestFromRecentCallsAsync(IReadOnlySet<long> exclude, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(exclude);
        var query = new CallListQuery { Page = 1, PerPage = RecentCalls };
        return osvi.SendAsync("list recent calls", (api, token) => api.ListCallsAsync(query, token), page => Suggest(page.Data, exclude), ct);
    }

    private static IReadOnlyList<CampaignSuggestion> Suggest(IReadOnlyList<CallSummary> calls, IReadOnlySet<long> exclude) =>
        [.. calls
            .Where(call => call.CampaignId is { } id && !exclude.Contains(id))
            .GroupBy(call => call.CampaignId!.Value)
            .Select(group => new CampaignSuggestion(group.Key, group.Count(), group.Max(call => call.CreatedAt)))
            .OrderByDescending(suggestion => suggestion.CallsSeen)
            .ThenBy(suggestion => suggestion.CampaignId)];
}
