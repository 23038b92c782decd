using System.Globalization;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services.Campaigns;

namespace Osvi.Dashboard.Components.Campaigns;

/// <summary>How campaign numbers read, the same on the campaign page, the list, the Overview and the wallboard.</summary>
public static class CampaignText
{
    private static readonly CultureInfo s_culture = CultureInfo.InvariantCulture;

    /// <summary>A count with thousands separators.</summary>
    public static string Number(int? value) => value?.ToString("N0", s_culture) ?? "—";

    /// <summary>A count with its noun: "1 contact", "2 contacts".</summary>
    public static string Count(int value, string one, string many) => $"{Number(value)} {(value == 1 ? one : many)}";

    /// <summary>A share as a whole percentage.</summary>
    public static string Percent(double? share) => share is { } value ? (value * 100).ToString("0", s_culture) + "%" : "—";

    /// <summary>A pace: "312 calls/h", "2.5 calls/h".</summary>
    public static string Pace(CampaignPace pace)
    {
        ArgumentNullException.ThrowIfNull(pace);
        return pace.CallsPerHour switch
        {
            null => "Measuring…",
            >= 10 and var perHour => $"{perHour.ToString("N0", s_culture)} calls/h",
            var perHour => $"{perHour.Value.ToString("0.#", s_culture)} calls/h",
        };
    }

    /// <summary>A pace in few characters for the wallboard: "1,039/h".</summary>
    public static string ShortPace(CampaignPace pace)
    {
        ArgumentNullException.ThrowIfNull(pace);
        return pace.CallsPerHour switch
        {
            null => "…",
            >= 10 and var perHour => $"{perHour.ToString("N0", s_culture)}/h",
            var perHour => $"{perHour.Value.ToString("0.#", s_culture)}/h",
        };
    }

    /// <summary>The ETA in few characters for the wallboard: "1h 20m", "Done", "Paused".</summary>
    public static string ShortEta(CampaignEta eta)
    {
        ArgumentNullException.ThrowIfNull(eta);
        if (eta is not { State: EtaState.Known, Duration: { } span })
        {
            return eta.State == EtaState.Estimating ? "…" : eta.State == EtaState.WaitingForRetries ? "Retries" : Eta(eta);
        }

        return span < TimeSpan.FromMinutes(1) ? $"{(int)Math.Round(span.TotalSeconds)}s"
            : span < TimeSpan.FromHours(1) ? $"{(int)Math.Round(span.TotalMinutes)}m"
            : span < TimeSpan.FromDays(1) ? $"{(int)span.TotalHours}h {span.Minutes:00}m"
            : $"{(int)span.TotalDays}d {span.Hours}h";
    }

    /// <summary>What the pace is based on.</summary>
    public static string PaceCaption(CampaignPace pace)
    {
        ArgumentNullException.ThrowIfNull(pace);
        return pace.CallsPerHour is null
            ? "Needs a minute of updates"
            : $"{Count(pace.CallsFinished, "call", "calls")} finished in the last {Duration(pace.Span)}";
    }

    /// <summary>The ETA's headline: "1 h 20 min", "Done", "Paused"…</summary>
    public static string Eta(CampaignEta eta)
    {
        ArgumentNullException.ThrowIfNull(eta);
        return eta.State switch
        {
            EtaState.Done => "Done",
            EtaState.Known => Duration(eta.Duration!.Value),
            EtaState.Estimating => "Estimating…",
            EtaState.Stalled => "Stalled",
            EtaState.Paused => "Paused",
            EtaState.WaitingForRetries => "Retries pending",
            _ => "—",
        };
    }

    /// <summary>One line under the ETA.</summary>
    public static string EtaCaption(CampaignEta eta, Func<DateTimeOffset, DateTimeOffset> toLocal)
    {
        ArgumentNullException.ThrowIfNull(eta);
        ArgumentNullException.ThrowIfNull(toLocal);
        return eta.State switch
        {
            EtaState.Done => "Every queued contact has an outcome",
            EtaState.Known => $"{Count(eta.Remaining, "call", "calls")} left · around {toLocal(eta.At!.Value).ToString("HH:mm", s_culture)}",
            EtaState.Estimating => $"{Count(eta.Remaining, "call", "calls")} left · measuring the pace",
            EtaState.Stalled => $"{Count(eta.Remaining, "call", "calls")} left · none finished recently",
            EtaState.Paused => $"{Count(eta.Remaining, "call", "calls")} left · the campaign is not active, OSVI dials nothing",
            EtaState.WaitingForRetries => "Unanswered contacts wait for their retry",
            _ => "",
        };
    }

    /// <summary>A span people read: "45 s", "12 min", "1 h 20 min", "2 d 3 h".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return $"{Math.Max(0, (int)Math.Round(span.TotalSeconds)).ToString(s_culture)} s";
        }

        if (span < TimeSpan.FromHours(1))
        {
            return $"{((int)Math.Round(span.TotalMinutes)).ToString(s_culture)} min";
        }

        if (span < TimeSpan.FromDays(1))
        {
            var minutes = (int)Math.Round(span.TotalMinutes);
            return minutes % 60 == 0 ? $"{(minutes / 60).ToString(s_culture)} h" : $"{(minutes / 60).ToString(s_culture)} h {(minutes % 60).ToString(s_culture)} min";
        }

        var hours = (int)Math.Round(span.TotalHours);
        return $"{(hours / 24).ToString(s_culture)} d {(hours % 24).ToString(s_culture)} h";
    }

    /// <summary>The campaign's status as a word and a CSS modifier.</summary>
    public static (string Label, string Modifier) Status(CampaignStatus status) => status.Value switch
    {
        "active" => ("Active", "ok"),
        "inactive" => ("Paused", "warn"),
        "completed" => ("Completed", "done"),
        var other => (other ?? "unknown", "neutral"),
    };

    /// <summary>The alert's headline.</summary>
    public static string Alert(FailureAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Level switch
        {
            AlertLevel.Alert => "Failure spike",
            AlertLevel.Warning => "Failures rising",
            AlertLevel.Ok => "Failures normal",
            _ => "Too few recent calls",
        };
    }

    /// <summary>The alert's explanation.</summary>
    public static string AlertDetail(FailureAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Share is { } share
            ? $"{Percent(share)} of the last {Number(alert.RecentCalls)} calls failed or were not answered (alert at {Percent(alert.Threshold)})"
            : $"{Count(alert.RecentCalls, "call", "calls")} finished recently; the failure share is judged from a few more";
    }

    /// <summary>The alert level as a CSS modifier.</summary>
    public static string AlertModifier(AlertLevel level) => level switch
    {
        AlertLevel.Alert => "alert",
        AlertLevel.Warning => "warn",
        AlertLevel.Ok => "ok",
        _ => "neutral",
    };

    /// <summary>Why a campaign's status could not be read, in a few words.</summary>
    public static string Failure(long campaignId, Osvi.Client.OsviError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind == Osvi.Client.OsviErrorKind.NotFound
            ? $"OSVI has no campaign {campaignId} on this account"
            : Controls.OsviErrorText.Describe(error).Title;
    }

    /// <summary>A campaign's name as the dashboard shows it: the local name, else OSVI's, else its id.</summary>
    public static string DisplayName(long campaignId, string? localName, string? osviName) =>
        !string.IsNullOrWhiteSpace(localName) ? localName : !string.IsNullOrWhiteSpace(osviName) ? osviName : $"Campaign {campaignId}";
}
