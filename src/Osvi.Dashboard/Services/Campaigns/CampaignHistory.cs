using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Osvi.Dashboard.Services.Campaigns;

/// <summary>The recent status snapshots of every campaign the shared poller fetches, kept in memory and bounded (by
/// <see cref="CampaignOptions.HistoryWindow"/> and <see cref="CampaignOptions.MaxHistorySamples"/>), so pace, ETA and
/// the failure share cost no extra request. It also remembers each campaign's alert episode, so a failure spike is
/// logged once when it starts and once when it ends, not on every poll.</summary>
public sealed partial class CampaignHistory(IOptionsMonitor<CampaignOptions> options, ILogger<CampaignHistory> logger)
{
    private readonly ConcurrentDictionary<long, Track> _tracks = new();

    /// <summary>Campaigns with history (diagnostics and tests).</summary>
    public int CampaignCount => _tracks.Count;

    /// <summary>Adds a snapshot taken at <paramref name="at"/> and returns the campaign's live value.</summary>
    public CampaignProgress Record(CampaignStatusView status, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(status);
        var settings = options.CurrentValue;
        Forget(at - settings.HistoryWindow - settings.HistoryWindow);
        var track = _tracks.GetOrAdd(status.Id, static _ => new Track());
        CampaignProgress progress;
        bool started;
        bool ended;
        lock (track)
        {
            track.Add(CampaignSample.Of(status, at), at - settings.HistoryWindow, settings.MaxHistorySamples);
            progress = CampaignMetrics.Compute(status, [.. track.Samples], at, settings);
            (started, ended) = track.Observe(progress.Alert.Level);
        }

        if (started)
        {
            LogSpikeStarted(logger, status.Id, status.Name, Percent(progress.Alert.Share), progress.Alert.FailedOrNotPicked,
                progress.Alert.RecentCalls, Minutes(progress.Alert.Window), Percent(progress.Alert.Threshold));
        }
        else if (ended)
        {
            LogSpikeEnded(logger, status.Id, status.Name, Percent(progress.Alert.Share), progress.Alert.RecentCalls);
        }

        return progress;
    }

    /// <summary>The samples kept for a campaign, oldest first.</summary>
    public IReadOnlyList<CampaignSample> SamplesOf(long campaignId)
    {
        if (!_tracks.TryGetValue(campaignId, out var track))
        {
            return [];
        }

        lock (track)
        {
            return [.. track.Samples];
        }
    }

    // Campaigns nobody has polled for a while take no memory.
    private void Forget(DateTimeOffset before)
    {
        foreach (var (id, track) in _tracks)
        {
            bool stale;
            lock (track)
            {
                stale = track.LastAt < before;
            }

            if (stale)
            {
                _tracks.TryRemove(KeyValuePair.Create(id, track));
            }
        }
    }

    private static string Percent(double? share) => share is { } value ? value.ToString("P0", CultureInfo.InvariantCulture) : "n/a";

    private static string Minutes(TimeSpan span) => span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId} ({CampaignName}): failure spike, {Share} of the last {RecentCalls} calls " +
        "failed or were not answered ({FailedOrNotPicked} calls in {WindowMinutes} min; alert threshold {Threshold})")]
    private static partial void LogSpikeStarted(ILogger logger, long campaignId, string campaignName, string share, int failedOrNotPicked, int recentCalls, string windowMinutes, string threshold);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} ({CampaignName}): failure spike over, {Share} of the last {RecentCalls} calls failed or were not answered")]
    private static partial void LogSpikeEnded(ILogger logger, long campaignId, string campaignName, string share, int recentCalls);

    private sealed class Track
    {
        private readonly Queue<CampaignSample> _samples = new();
        private bool _alerting;

        public IEnumerable<CampaignSample> Samples => _samples;

        public DateTimeOffset LastAt { get; private set; }

        public void Add(CampaignSample sample, DateTimeOffset keepFrom, int maxSamples)
        {
            _samples.Enqueue(sample);
            LastAt = sample.At;
            while (_samples.Count > maxSamples || (_samples.Count > 1 && _samples.Peek().At < keepFrom))
            {
                _samples.Dequeue();
            }
        }

        /// <summary>Tracks the episode: (true, false) when a spike starts, (false, true) when it ends. "Unknown" (too
        /// few recent calls) neither starts nor ends one.</summary>
        public (bool Started, bool Ended) Observe(AlertLevel level)
        {
            if (level == AlertLevel.Alert && !_alerting)
            {
                _alerting = true;
                return (true, false);
            }

            if (level is AlertLevel.Ok or AlertLevel.Warning && _alerting)
            {
                _alerting = false;
                return (false, true);
            }

            return (false, false);
        }
    }
}
