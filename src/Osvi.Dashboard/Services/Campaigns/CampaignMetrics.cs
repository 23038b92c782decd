using Osvi.Client.Contracts;

namespace Osvi.Dashboard.Services.Campaigns;

/// <summary>The numbers of one status poll that pace and alerts are computed from.</summary>
/// <param name="At">When the poll answered.</param>
/// <param name="Total">All calls of the campaign.</param>
/// <param name="Remaining">Calls queued or under way.</param>
/// <param name="Failed">Calls that failed.</param>
/// <param name="NotPicked">Calls nobody answered.</param>
public sealed record CampaignSample(DateTimeOffset At, int Total, int Remaining, int Failed, int NotPicked)
{
    /// <summary>Calls with an outcome.</summary>
    public int Finished => Math.Max(0, Total - Remaining);

    /// <summary>The sample of a status view.</summary>
    public static CampaignSample Of(CampaignStatusView status, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new(at, status.TotalCalls, status.Remaining, status.Count(CallStatus.Failed), status.Count(CallStatus.NotPicked));
    }
}

/// <summary>Calls finished per hour over the recent snapshots.</summary>
/// <param name="CallsPerHour">The pace, or null while there is not enough history.</param>
/// <param name="Span">The span the pace was measured over.</param>
/// <param name="CallsFinished">Calls that got an outcome in that span.</param>
public sealed record CampaignPace(double? CallsPerHour, TimeSpan Span, int CallsFinished);

/// <summary>Why there is or is not an ETA.</summary>
public enum EtaState
{
    /// <summary>Nothing is queued: every contact has an outcome.</summary>
    Done,

    /// <summary>The ETA is known.</summary>
    Known,

    /// <summary>Not enough history to measure the pace yet.</summary>
    Estimating,

    /// <summary>Contacts are queued but none finished recently.</summary>
    Stalled,

    /// <summary>The campaign is not active, so OSVI dials nothing (the queue is kept).</summary>
    Paused,

    /// <summary>Nothing is queued right now, but a queue stays open for contacts waiting for a retry.</summary>
    WaitingForRetries,
}

/// <summary>When the contacts still queued should be done.</summary>
/// <param name="State">Whether it is known and why not.</param>
/// <param name="Remaining">Calls queued or under way.</param>
/// <param name="Duration">How long until done, when known.</param>
/// <param name="At">When it should be done, when known.</param>
public sealed record CampaignEta(EtaState State, int Remaining, TimeSpan? Duration, DateTimeOffset? At);

/// <summary>How a campaign's failure share compares to the thresholds.</summary>
public enum AlertLevel
{
    /// <summary>Too few recent calls to judge.</summary>
    Unknown,

    /// <summary>Below the warning share.</summary>
    Ok,

    /// <summary>At or above the warning share, below the alert share.</summary>
    Warning,

    /// <summary>At or above the alert share: a failure spike.</summary>
    Alert,
}

/// <summary>The share of <c>failed</c> + <c>not_picked</c> among a campaign's recent calls.</summary>
/// <param name="Level">How it compares to the thresholds.</param>
/// <param name="Share">The share, when there were enough recent calls.</param>
/// <param name="RecentCalls">Calls that got an outcome in the window.</param>
/// <param name="FailedOrNotPicked">Of those, the ones that failed or were not answered.</param>
/// <param name="Window">The span looked at.</param>
/// <param name="Threshold">The alert share.</param>
/// <param name="WarningThreshold">The warning share.</param>
public sealed record FailureAlert(AlertLevel Level, double? Share, int RecentCalls, int FailedOrNotPicked, TimeSpan Window, double Threshold, double WarningThreshold);

/// <summary>The live value of a campaign: its status plus what the dashboard computes from recent snapshots.</summary>
public sealed record CampaignProgress
{
    /// <summary>The latest status.</summary>
    public required CampaignStatusView Status { get; init; }

    /// <summary>Calls finished per hour.</summary>
    public required CampaignPace Pace { get; init; }

    /// <summary>When the queued contacts should be done.</summary>
    public required CampaignEta Eta { get; init; }

    /// <summary>The failure-spike state.</summary>
    public required FailureAlert Alert { get; init; }

    /// <summary>The recent snapshots, oldest first (bounded), e.g. for a chart of finished calls.</summary>
    public IReadOnlyList<CampaignSample> History { get; init; } = [];
}

/// <summary>Pace, ETA and failure share from a campaign's recent snapshots. Pure: same samples, same answer.</summary>
public static class CampaignMetrics
{
    /// <summary>Computes the live value from the snapshots (oldest first; the last one is <paramref name="status"/> at <paramref name="now"/>).</summary>
    public static CampaignProgress Compute(CampaignStatusView status, IReadOnlyList<CampaignSample> history, DateTimeOffset now, CampaignOptions options)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        var latest = history.Count > 0 ? history[^1] : CampaignSample.Of(status, now);
        var pace = PaceOf(history, latest, options);
        return new CampaignProgress
        {
            Status = status,
            Pace = pace,
            Eta = EtaOf(status, pace, now),
            Alert = AlertOf(history, latest, options),
            History = history,
        };
    }

    private static CampaignPace PaceOf(IReadOnlyList<CampaignSample> history, CampaignSample latest, CampaignOptions options)
    {
        var oldest = OldestWithin(history, latest.At - options.PaceWindow) ?? latest;
        var span = latest.At - oldest.At;
        var finished = Math.Max(0, latest.Finished - oldest.Finished);
        return span < options.MinPaceSpan || span <= TimeSpan.Zero
            ? new CampaignPace(null, span, finished)
            : new CampaignPace(finished / span.TotalHours, span, finished);
    }

    private static CampaignEta EtaOf(CampaignStatusView status, CampaignPace pace, DateTimeOffset now)
    {
        var remaining = status.Remaining;
        if (remaining == 0)
        {
            return new CampaignEta(status.WaitingForRetries ? EtaState.WaitingForRetries : EtaState.Done, 0, null, null);
        }

        if (!status.IsActive)
        {
            return new CampaignEta(EtaState.Paused, remaining, null, null);
        }

        if (pace.CallsPerHour is not { } perHour)
        {
            return new CampaignEta(EtaState.Estimating, remaining, null, null);
        }

        if (perHour <= 0)
        {
            return new CampaignEta(EtaState.Stalled, remaining, null, null);
        }

        var hours = remaining / perHour;
        // A pace of a call a week would overflow a TimeSpan's patience and nobody's: call it stalled.
        if (hours > 24 * 365)
        {
            return new CampaignEta(EtaState.Stalled, remaining, null, null);
        }

        var duration = TimeSpan.FromSeconds(Math.Ceiling(hours * 3600));
        return new CampaignEta(EtaState.Known, remaining, duration, now + duration);
    }

    private static FailureAlert AlertOf(IReadOnlyList<CampaignSample> history, CampaignSample latest, CampaignOptions options)
    {
        var oldest = OldestWithin(history, latest.At - options.AlertWindow) ?? latest;
        var recent = Math.Max(0, latest.Finished - oldest.Finished);
        // A retry moves a call from not_picked back to in_progress, so one status can shrink: only the sum is reliable.
        var failing = Math.Clamp(latest.Failed + latest.NotPicked - oldest.Failed - oldest.NotPicked, 0, recent);
        if (recent < options.AlertMinCalls || recent == 0)
        {
            return new FailureAlert(AlertLevel.Unknown, null, recent, failing, latest.At - oldest.At, options.FailureAlertShare, options.FailureWarningShare);
        }

        var share = (double)failing / recent;
        var level = share >= options.FailureAlertShare ? AlertLevel.Alert
            : share >= options.FailureWarningShare ? AlertLevel.Warning
            : AlertLevel.Ok;
        return new FailureAlert(level, share, recent, failing, latest.At - oldest.At, options.FailureAlertShare, options.FailureWarningShare);
    }

    private static CampaignSample? OldestWithin(IReadOnlyList<CampaignSample> history, DateTimeOffset since)
    {
        foreach (var sample in history)
        {
            if (sample.At >= since)
            {
                return sample;
            }
        }

        return null;
    }
}
