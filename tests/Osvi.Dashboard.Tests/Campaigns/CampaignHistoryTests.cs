using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Testing.Fakes;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Campaigns;

/// <summary>The campaign feed's history on a fake clock: the status endpoint is polled through the real fetcher, the
/// history is bounded, pace and ETA follow the clock, and a failure spike is logged once per episode.</summary>
public sealed class CampaignHistoryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 12, 6, 30, 0, TimeSpan.Zero));
    private readonly FakeLogger<CampaignHistory> _logger = new();
    private readonly FakeOsviApi _api = new();
    private CampaignStatusSnapshot _next = CampaignFixtures.Snapshot();

    public CampaignHistoryTests() => _api.OnGetCampaignStatus = (_, _) => Task.FromResult(new OsviEnvelope<CampaignStatusSnapshot> { Success = true, Data = _next });

    [Fact]
    public async Task FetchAsync_QueueDrainsOnTheClock_PaceAndEtaFollowTheSnapshots()
    {
        var fetcher = Fetcher(History());

        // 200 queued; every minute 10 more finish: 600 calls/h.
        ServiceResult<CampaignProgress>? result = null;
        for (var minute = 0; minute <= 5; minute++)
        {
            _next = CampaignFixtures.Snapshot(picked: 100 + (minute * 10), inProgress: 200 - (minute * 10), uploads: CampaignFixtures.Upload(20, 300, false));
            result = await fetcher.FetchAsync(new CampaignStatusKey(7), TestContext.Current.CancellationToken);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var progress = result!.Value!;
        Assert.Equal(600, progress.Pace.CallsPerHour!.Value, precision: 6);
        Assert.Equal(150, progress.Eta.Remaining);
        Assert.Equal(TimeSpan.FromMinutes(15), progress.Eta.Duration);
        Assert.Equal(6, progress.History.Count);
        Assert.Equal(6, _api.Calls.Count(call => call == "GetCampaignStatus"));
    }

    [Fact]
    public async Task FetchAsync_UnknownCampaign_IsANotFoundFailureAndLeavesNoHistory()
    {
        _api.OnGetCampaignStatus = async (_, _) => throw await OsviFailures.ApiAsync(System.Net.HttpStatusCode.NotFound, """{"success":false,"error":"Not found","details":null}""");
        var history = History();

        var result = await Fetcher(history).FetchAsync(new CampaignStatusKey(99), TestContext.Current.CancellationToken);

        Assert.Equal(Osvi.Client.OsviErrorKind.NotFound, result.Error!.Kind);
        Assert.Equal(0, history.CampaignCount);
    }

    [Fact]
    public void Record_ManyPolls_KeepsABoundedHistory()
    {
        var history = History(options => options.MaxHistorySamples = 10);

        for (var poll = 0; poll < 100; poll++)
        {
            history.Record(CampaignFixtures.View(), _time.GetUtcNow());
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(10, history.SamplesOf(7).Count);
    }

    [Fact]
    public void Record_SamplesOlderThanTheWindows_AreDropped()
    {
        var history = History(options => (options.PaceWindow, options.AlertWindow) = (TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));

        for (var minute = 0; minute <= 30; minute++)
        {
            history.Record(CampaignFixtures.View(), _time.GetUtcNow());
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var samples = history.SamplesOf(7);
        Assert.InRange(samples.Count, 5, 7);
        Assert.True(_time.GetUtcNow() - samples[0].At <= TimeSpan.FromMinutes(7));
    }

    [Fact]
    public void Record_CampaignNobodyPollsAnyMore_IsForgotten()
    {
        var history = History(options => (options.PaceWindow, options.AlertWindow) = (TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));
        history.Record(CampaignFixtures.View(id: 8), _time.GetUtcNow());

        for (var minute = 0; minute <= 15; minute++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            history.Record(CampaignFixtures.View(id: 7), _time.GetUtcNow());
        }

        Assert.Empty(history.SamplesOf(8));
        Assert.Equal(1, history.CampaignCount);
    }

    [Fact]
    public void Record_FailureSpikeOverManyPolls_LogsOneWarningWhenItStartsAndOneLineWhenItEnds()
    {
        var history = History(options => options.AlertMinCalls = 10);
        var finished = 0;
        var failing = 0;

        void Poll(int newCalls, int newFailures)
        {
            finished += newCalls;
            failing += newFailures;
            history.Record(CampaignFixtures.View(picked: finished - failing, failed: failing, inProgress: 1000 - finished), _time.GetUtcNow());
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Poll(0, 0);
        for (var minute = 0; minute < 5; minute++)
        {
            Poll(10, 2);   // 20%: fine
        }

        for (var minute = 0; minute < 20; minute++)
        {
            Poll(10, 8);   // 80% for 20 minutes: one spike
        }

        for (var minute = 0; minute < 20; minute++)
        {
            Poll(10, 1);   // back to 10%
        }

        var warnings = _logger.Collector.GetSnapshot().Where(record => record.Level == LogLevel.Warning).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains("Campaign 7 (June Renewals): failure spike", warning.Message, StringComparison.Ordinal);
        Assert.Contains("alert threshold 50", warning.Message, StringComparison.Ordinal);
        Assert.Single(_logger.Collector.GetSnapshot(), record => record.Level == LogLevel.Information && record.Message.Contains("failure spike over", StringComparison.Ordinal));
    }

    private CampaignHistory History(Action<CampaignOptions>? configure = null) => new(CampaignFixtures.Options(configure), _logger);

    private CampaignStatusFetcher Fetcher(CampaignHistory history) =>
        new(new CampaignsService(new OsviGateway(_api, new OsviAuthAlarm(), TestOptions.Redactor(), NullLogger<OsviGateway>.Instance)), history, _time);
}
