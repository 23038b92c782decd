using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Testing.Fakes;

namespace Osvi.Dashboard.Tests.Campaigns;

/// <summary>Pace, ETA and the failure share from snapshots (pure computation; times are given, not read from a clock).</summary>
public sealed class CampaignMetricsTests
{
    private static readonly DateTimeOffset s_start = new(2026, 6, 12, 6, 30, 0, TimeSpan.Zero);
    private static readonly CampaignOptions s_options = new()
    {
        PaceWindow = TimeSpan.FromMinutes(15),
        MinPaceSpan = TimeSpan.FromMinutes(1),
        AlertWindow = TimeSpan.FromMinutes(15),
        AlertMinCalls = 20,
        FailureAlertShare = 0.5,
        FailureWarningShare = 0.35,
    };

    [Fact]
    public void Compute_TenMinutesOfSnapshots_PaceIsFinishedCallsPerHourAndEtaCoversWhatIsQueued()
    {
        // 60 calls finished in 10 minutes: 360 calls/h; 90 still queued: 15 minutes left.
        var history = new[] { Sample(0, total: 200, remaining: 150), Sample(5, 200, 120), Sample(10, 200, 90) };
        var status = CampaignFixtures.View(picked: 80, notPicked: 20, failed: 10, inProgress: 90);

        var progress = CampaignMetrics.Compute(status, history, s_start.AddMinutes(10), s_options);

        Assert.Equal(360, progress.Pace.CallsPerHour!.Value, precision: 6);
        Assert.Equal(60, progress.Pace.CallsFinished);
        Assert.Equal(TimeSpan.FromMinutes(10), progress.Pace.Span);
        Assert.Equal(EtaState.Known, progress.Eta.State);
        Assert.Equal(90, progress.Eta.Remaining);
        Assert.Equal(TimeSpan.FromMinutes(15), progress.Eta.Duration);
        Assert.Equal(s_start.AddMinutes(25), progress.Eta.At);
    }

    [Fact]
    public void Compute_SnapshotsOlderThanTheWindow_AreLeftOutOfThePace()
    {
        // The first sample is 30 minutes old: only the last 15 minutes count (30 calls in 10 minutes = 180/h).
        var history = new[] { Sample(0, 100, 100), Sample(20, 100, 60), Sample(30, 100, 30) };

        var progress = CampaignMetrics.Compute(CampaignFixtures.View(inProgress: 30), history, s_start.AddMinutes(30), s_options);

        Assert.Equal(180, progress.Pace.CallsPerHour!.Value, precision: 6);
        Assert.Equal(TimeSpan.FromMinutes(10), progress.Pace.Span);
    }

    [Fact]
    public void Compute_LessHistoryThanTheMinimumSpan_IsStillEstimating()
    {
        var history = new[] { Sample(0, 100, 50), new CampaignSample(s_start.AddSeconds(30), 100, 45, 0, 0) };

        var progress = CampaignMetrics.Compute(CampaignFixtures.View(inProgress: 45), history, s_start.AddSeconds(30), s_options);

        Assert.Null(progress.Pace.CallsPerHour);
        Assert.Equal(EtaState.Estimating, progress.Eta.State);
        Assert.Equal(45, progress.Eta.Remaining);
    }

    [Theory]
    [InlineData("active", 0, false, EtaState.Done)]
    [InlineData("active", 0, true, EtaState.WaitingForRetries)]
    [InlineData("inactive", 30, false, EtaState.Paused)]
    [InlineData("active", 30, false, EtaState.Stalled)]
    public void Compute_NoProgress_SaysWhyThereIsNoEta(string campaignStatus, int remaining, bool openQueue, EtaState expected)
    {
        var history = new[] { Sample(0, 100, remaining), Sample(10, 100, remaining) };
        var status = CampaignFixtures.View(status: campaignStatus, inProgress: remaining, uploads: CampaignFixtures.Upload(19, 30, completed: !openQueue && remaining == 0));

        var progress = CampaignMetrics.Compute(status, history, s_start.AddMinutes(10), s_options);

        Assert.Equal(expected, progress.Eta.State);
        Assert.Null(progress.Eta.Duration);
    }

    [Fact]
    public void Compute_HalfOfRecentCallsFailedOrNotAnswered_RaisesTheAlert()
    {
        // 40 calls finished in the window: 12 failed, 10 not answered = 55%.
        var history = new[] { Sample(0, 100, 60, failed: 3, notPicked: 5), Sample(10, 100, 20, failed: 15, notPicked: 15) };

        var alert = CampaignMetrics.Compute(CampaignFixtures.View(inProgress: 20), history, s_start.AddMinutes(10), s_options).Alert;

        Assert.Equal(AlertLevel.Alert, alert.Level);
        Assert.Equal(40, alert.RecentCalls);
        Assert.Equal(22, alert.FailedOrNotPicked);
        Assert.Equal(0.55, alert.Share!.Value, precision: 6);
        Assert.Equal(0.5, alert.Threshold);
    }

    [Theory]
    [InlineData(10, AlertLevel.Ok)]
    [InlineData(15, AlertLevel.Warning)]
    [InlineData(20, AlertLevel.Alert)]
    public void Compute_FailureShare_IsJudgedAgainstBothThresholds(int failedInWindow, AlertLevel expected)
    {
        var history = new[] { Sample(0, 100, 60), Sample(10, 100, 20, failed: failedInWindow) };

        var alert = CampaignMetrics.Compute(CampaignFixtures.View(inProgress: 20), history, s_start.AddMinutes(10), s_options).Alert;

        Assert.Equal(expected, alert.Level);
    }

    [Fact]
    public void Compute_TooFewRecentCalls_DoesNotJudge()
    {
        var history = new[] { Sample(0, 100, 60), Sample(10, 100, 50, failed: 10) };

        var alert = CampaignMetrics.Compute(CampaignFixtures.View(inProgress: 50), history, s_start.AddMinutes(10), s_options).Alert;

        Assert.Equal(AlertLevel.Unknown, alert.Level);
        Assert.Null(alert.Share);
        Assert.Equal(10, alert.RecentCalls);
    }

    [Fact]
    public void Compute_RetriedCallsLeaveNotPicked_ShareNeverGoesNegative()
    {
        // Retries move calls from not_picked back to in_progress and then to picked: not_picked shrinks.
        var history = new[] { Sample(0, 100, 40, notPicked: 30), Sample(10, 100, 10, notPicked: 5) };

        var alert = CampaignMetrics.Compute(CampaignFixtures.View(inProgress: 10), history, s_start.AddMinutes(10), s_options).Alert;

        Assert.Equal(AlertLevel.Ok, alert.Level);
        Assert.Equal(0, alert.FailedOrNotPicked);
        Assert.Equal(0, alert.Share);
    }

    private static CampaignSample Sample(int minutes, int total, int remaining, int failed = 0, int notPicked = 0) =>
        new(s_start.AddMinutes(minutes), total, remaining, failed, notPicked);
}
