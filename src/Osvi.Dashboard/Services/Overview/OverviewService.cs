using Microsoft.EntityFrameworkCore;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Data;

namespace Osvi.Dashboard.Services.Overview;

/// <summary>Calls of one day by status, counted by OSVI.</summary>
/// <param name="Day">The day, in the dashboard's zone.</param>
/// <param name="TimeZone">The zone that defines the day.</param>
/// <param name="ByStatus">Count per status, every documented status present (zero when none).</param>
public sealed record CallCounts(DateOnly Day, string TimeZone, IReadOnlyDictionary<CallStatus, int> ByStatus)
{
    /// <summary>All calls of the day.</summary>
    public int Total => ByStatus.Values.Sum();

    /// <summary>Answered calls.</summary>
    public int Answered => Count(CallStatus.Picked);

    /// <summary>Calls still under way.</summary>
    public int InProgress => Count(CallStatus.InProgress);

    /// <summary>Answered among the calls that have an outcome, or null when none has.</summary>
    public double? PickupRate => Total - InProgress is > 0 and var finished ? (double)Answered / finished : null;

    /// <summary>The count of one status.</summary>
    public int Count(CallStatus status) => ByStatus.TryGetValue(status, out var count) ? count : 0;
}

/// <summary>A campaign the dashboard watches (its own list; OSVI cannot list campaigns).</summary>
/// <param name="CampaignId">OSVI's campaign id.</param>
/// <param name="LocalName">The name given in the dashboard, if any.</param>
/// <param name="AddedBy">Who added it.</param>
/// <param name="AddedAt">When.</param>
public sealed record WatchedCampaignView(long CampaignId, string? LocalName, string AddedBy, DateTimeOffset AddedAt);

/// <summary>Counts of calls, cheap enough to poll: one <c>per_page=1</c> request per status, reading <c>meta.total_count</c>.</summary>
public interface ICallCountsService
{
    /// <summary>Counts one day's calls per status (the day in the dashboard's zone), optionally for one agent. OSVI
    /// filters dates on <c>call_picked_at</c>, so calls still queued (not dialled yet) are not counted.</summary>
    Task<ServiceResult<CallCounts>> CountByStatusAsync(DateOnly day, string? agentUuid, CancellationToken ct);
}

/// <summary>What the Overview page reads from the dashboard's own database.</summary>
public interface IOverviewService
{
    /// <summary>The watched campaigns, in the order they were added.</summary>
    Task<IReadOnlyList<WatchedCampaignView>> GetWatchedCampaignsAsync(CancellationToken ct);
}

internal sealed class CallCountsService(OsviGateway osvi, DashboardClock clock) : ICallCountsService
{
    public async Task<ServiceResult<CallCounts>> CountByStatusAsync(DateOnly day, string? agentUuid, CancellationToken ct)
    {
        var (start, end) = clock.DayBounds(day);
        var counts = await Task.WhenAll(CallStatus.Known.Select(async status =>
        {
            var query = new CallListQuery { Status = [status.Value], AgentUuid = agentUuid, StartDate = start, EndDate = end, Page = 1, PerPage = 1 };
            var result = await osvi.SendAsync($"count {status.Value} calls", (api, token) => api.ListCallsAsync(query, token), page => page.Meta.TotalCount, ct);
            return (status, result);
        }));

        var failure = counts.FirstOrDefault(count => !count.result.Succeeded).result;
        if (failure is not null)
        {
            return ServiceResult<CallCounts>.From(failure);
        }

        return ServiceResult<CallCounts>.Success(new CallCounts(day, clock.ZoneLabel, counts.ToDictionary(count => count.status, count => count.result.Value)));
    }
}

internal sealed class OverviewService(IDbContextFactory<DashboardDbContext> database) : IOverviewService
{
    public async Task<IReadOnlyList<WatchedCampaignView>> GetWatchedCampaignsAsync(CancellationToken ct)
    {
        await using var db = await database.CreateDbContextAsync(ct);
        var rows = await db.WatchedCampaigns.AsNoTracking().OrderBy(campaign => campaign.AddedAt).ToListAsync(ct);
        return [.. rows.Select(row => new WatchedCampaignView(row.CampaignId, row.LocalName, row.AddedBy, row.AddedAt))];
    }
}
