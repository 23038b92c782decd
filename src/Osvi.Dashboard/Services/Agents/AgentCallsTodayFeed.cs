using Osvi.Client.Contracts;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Services.Overview;

namespace Osvi.Dashboard.Services.Agents;

/// <summary>The live feed of one agent's calls today by status (the Agents page shows one per active agent). Equal keys
/// share one poll however many browsers show the page; its interval is <c>Dashboard:Live:Intervals:AgentCallsToday</c>
/// (1 minute unless configured), because N agents cost N polls.</summary>
/// <param name="AgentUuid">The agent.</param>
public sealed record AgentCallsTodayKey(string AgentUuid) : LiveKey<CallCounts>;

/// <summary>Counts one agent's calls of a day as cheaply as OSVI allows: one <c>per_page=100</c> page of the day's
/// calls answers it exactly when the agent has at most 100 (counted in the page); only a busier agent costs one
/// <c>per_page=1</c> request per status (<see cref="ICallCountsService"/>). At most
/// <see cref="MaxConcurrentAgents"/> agents are counted at once, so a page of many agents does not burst OSVI.</summary>
internal sealed class AgentCallCounter(OsviGateway osvi, ICallCountsService counts, DashboardClock clock)
{
    /// <summary>Agents counted in parallel at most (shared by every poll in the process).</summary>
    public const int MaxConcurrentAgents = 2;

    private const int PageSize = 100;
    private static readonly SemaphoreSlim s_throttle = new(MaxConcurrentAgents);

    public async Task<ServiceResult<CallCounts>> CountTodayAsync(string agentUuid, CancellationToken ct)
    {
        await s_throttle.WaitAsync(ct);
        try
        {
            var day = clock.Today;
            var (start, end) = clock.DayBounds(day);
            var query = new CallListQuery { AgentUuid = agentUuid, StartDate = start, EndDate = end, Page = 1, PerPage = PageSize };
            var page = await osvi.SendAsync("list an agent's calls today", (api, token) => api.ListCallsAsync(query, token), ct);
            if (!page.Succeeded)
            {
                return ServiceResult<CallCounts>.From(page);
            }

            if (page.Value.Meta.TotalCount <= page.Value.Data.Count)
            {
                var byStatus = CallStatus.Known.ToDictionary(status => status, status => page.Value.Data.Count(call => call.Status == status));
                return ServiceResult<CallCounts>.Success(new CallCounts(day, clock.ZoneLabel, byStatus));
            }

            return await counts.CountByStatusAsync(day, agentUuid, ct);
        }
        finally
        {
            s_throttle.Release();
        }
    }
}

internal sealed class AgentCallsTodayFetcher(AgentCallCounter counter) : ILiveFetcher<AgentCallsTodayKey, CallCounts>
{
    public const string FeedName = "AgentCallsToday";

    /// <summary>The default interval (an agent's counts change slowly and cost requests per agent).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);

    public Task<ServiceResult<CallCounts>> FetchAsync(AgentCallsTodayKey key, CancellationToken ct) => counter.CountTodayAsync(key.AgentUuid, ct);
}
