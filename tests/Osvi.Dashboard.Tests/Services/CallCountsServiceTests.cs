using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Overview;
using Osvi.Dashboard.Testing.Fakes;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Services;

public sealed class CallCountsServiceTests
{
    private readonly FakeOsviApi _api = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 11, 20, 0, 0, TimeSpan.Zero)); // 12 June, 01:30 IST

    private CallCountsService Service(string zone = "Asia/Kolkata") =>
        new(new OsviGateway(_api, new OsviAuthAlarm(), TestOptions.Redactor(), NullLogger<OsviGateway>.Instance), TestOptions.Clock(_time, zone));

    [Fact]
    public async Task CountByStatusAsync_EveryStatus_OneCheapRequestEachWithTheDayInIst()
    {
        var queries = new List<CallListQuery>();
        var totals = new Dictionary<string, int> { ["picked"] = 40, ["not_picked"] = 12, ["failed"] = 3, ["busy"] = 2, ["voicemail"] = 5, ["in_progress"] = 4 };
        _api.OnListCalls = (query, _) =>
        {
            lock (queries)
            {
                queries.Add(query);
            }

            return Task.FromResult(new OsviPagedEnvelope<CallSummary> { Meta = new PageMeta { TotalCount = totals[query.Status![0]], PerPage = 1 } });
        };
        var clock = TestOptions.Clock(_time);

        var result = await Service().CountByStatusAsync(clock.Today, agentUuid: null, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(new DateOnly(2026, 6, 12), result.Value.Day);
        Assert.Equal(66, result.Value.Total);
        Assert.Equal(40, result.Value.Answered);
        Assert.Equal(40.0 / 62, result.Value.PickupRate);
        Assert.Equal(6, queries.Count);
        Assert.Equal(totals.Keys.Order(), queries.Select(q => Assert.Single(q.Status!)).Order());
        Assert.All(queries, query =>
        {
            Assert.Equal(1, query.PerPage);
            Assert.Equal("2026-06-12T00:00:00+05:30", query.StartDate);
            Assert.Equal("2026-06-12T23:59:59+05:30", query.EndDate);
            Assert.Null(query.AgentUuid);
        });
    }

    [Fact]
    public async Task CountByStatusAsync_OtherZone_SendsThatZonesDayBounds()
    {
        CallListQuery? seen = null;
        _api.OnListCalls = (query, _) =>
        {
            seen = query;
            return Task.FromResult(new OsviPagedEnvelope<CallSummary>());
        };

        await Service("Europe/Berlin").CountByStatusAsync(new DateOnly(2026, 6, 12), "agent_x", TestContext.Current.CancellationToken);

        Assert.Equal("2026-06-12T00:00:00+02:00", seen!.StartDate);
        Assert.Equal("2026-06-12T23:59:59+02:00", seen.EndDate);
        Assert.Equal("agent_x", seen.AgentUuid);
    }

    [Fact]
    public async Task CountByStatusAsync_OneStatusFails_ReturnsTheFailure()
    {
        _api.OnListCalls = async (query, _) => query.Status![0] == "busy"
            ? throw await OsviFailures.ApiAsync(System.Net.HttpStatusCode.InternalServerError, null)
            : new OsviPagedEnvelope<CallSummary> { Meta = new PageMeta { TotalCount = 1 } };

        var result = await Service().CountByStatusAsync(new DateOnly(2026, 6, 12), null, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal(OsviErrorKind.ServerError, result.Error!.Kind);
    }
}
