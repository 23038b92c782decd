using Osvi.Dashboard.Live;

namespace Osvi.Dashboard.Services.Overview;

/// <summary>The live feed of today's calls by status; "today" rolls over at midnight in the dashboard's zone.</summary>
public sealed record CallsTodayKey : LiveKey<CallCounts>
{
    /// <summary>The only instance.</summary>
    public static CallsTodayKey Instance { get; } = new();
}

internal sealed class CallsTodayFetcher(ICallCountsService counts, DashboardClock clock) : ILiveFetcher<CallsTodayKey, CallCounts>
{
    public const string FeedName = "CallsToday";

    public Task<ServiceResult<CallCounts>> FetchAsync(CallsTodayKey key, CancellationToken ct) => counts.CountByStatusAsync(clock.Today, agentUuid: null, ct);
}
