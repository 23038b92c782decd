using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Overview;
using Osvi.Dashboard.Testing.Fakes;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Campaigns;

public sealed class AgentCallCounterTests
{
    private const string Agent = "agent_J4RK39KQg7g00MsYLe2yEfkev7";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 12, 6, 30, 0, TimeSpan.Zero));
    private readonly FakeOsviApi _api = new();
    private readonly List<CallListQuery> _queries = [];

    [Fact]
    public async Task CountTodayAsync_AgentWithFewCalls_CountsOnePageInOneRequest()
    {
        Answer(total: 4, [CallStatus.Picked, CallStatus.Picked, CallStatus.NotPicked, CallStatus.InProgress]);

        var result = await Counter().CountTodayAsync(Agent, TestContext.Current.CancellationToken);

        var query = Assert.Single(_queries);
        Assert.Equal((Agent, 100, "2026-06-12T00:00:00+05:30", "2026-06-12T23:59:59+05:30"), (query.AgentUuid, query.PerPage, query.StartDate, query.EndDate));
        Assert.Equal((4, 2, 1, 1), (result.Value!.Total, result.Value.Answered, result.Value.Count(CallStatus.NotPicked), result.Value.InProgress));
    }

    [Fact]
    public async Task CountTodayAsync_BusyAgent_FallsBackToOneCountPerStatus()
    {
        Answer(total: 250, [.. Enumerable.Repeat(CallStatus.Picked, 100)]);

        var result = await Counter().CountTodayAsync(Agent, TestContext.Current.CancellationToken);

        Assert.Equal(1 + CallStatus.Known.Count, _queries.Count);
        Assert.All(_queries.Skip(1), query => Assert.Equal((1, Agent), (query.PerPage, query.AgentUuid)));
        Assert.Equal(250 * CallStatus.Known.Count, result.Value!.Total);
    }

    private void Answer(int total, IReadOnlyList<CallStatus> page) =>
        _api.OnListCalls = (query, _) =>
        {
            lock (_queries)
            {
                _queries.Add(query);
            }

            return Task.FromResult(new OsviPagedEnvelope<CallSummary>
            {
                Success = true,
                Data = query.PerPage == 1 ? [] : [.. page.Select(status => new CallSummary { CallId = Guid.NewGuid().ToString(), Status = status })],
                Meta = new PageMeta { CurrentPage = 1, PerPage = query.PerPage ?? 25, TotalCount = total, TotalPages = 1 },
            });
        };

    private AgentCallCounter Counter()
    {
        var gateway = new OsviGateway(_api, new OsviAuthAlarm(), TestOptions.Redactor(), NullLogger<OsviGateway>.Instance);
        var clock = TestOptions.Clock(_time);
        return new AgentCallCounter(gateway, new CallCountsService(gateway, clock), clock);
    }
}
