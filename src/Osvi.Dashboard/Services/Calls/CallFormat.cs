using System.Globalization;
using System.Text.RegularExpressions;
using Osvi.Client.Contracts;

namespace Osvi.Dashboard.Services.Calls;

/// <summary>How call facts read in the UI and in exports.</summary>
public static partial class CallFormat
{
    /// <summary>Talk time as people read it: <c>42 s</c>, <c>2 m 05 s</c>, <c>1 h 02 m 05 s</c>; <c>—</c> for none.</summary>
    public static string Duration(int? seconds)
    {
        if (seconds is not > 0)
        {
            return "—";
        }

        var span = TimeSpan.FromSeconds(seconds.Value);
        var hours = (int)span.TotalHours;
        return hours > 0 ? string.Create(CultureInfo.InvariantCulture, $"{hours} h {span.Minutes:00} m {span.Seconds:00} s")
            : span.Minutes > 0 ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} m {span.Seconds:00} s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Seconds} s");
    }

    /// <summary>An offset into a call: <c>01:05</c>, or <c>1:02:05</c> past an hour.</summary>
    public static string Offset(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Max(0, Math.Floor(seconds)));
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes:00}:{span.Seconds:00}");
    }

    /// <summary>The speaker's label.</summary>
    public static string SpeakerLabel(Speaker speaker) => speaker switch
    {
        Speaker.Agent => "Agent",
        Speaker.Customer => "Customer",
        Speaker.System => "System",
        _ => "Tool",
    };

    /// <summary>Who ended a call, in words.</summary>
    public static string EndedBy(string? endedBy) => endedBy?.ToLowerInvariant() switch
    {
        null or "" => "—",
        "agent" or "assistant" => "Agent",
        "user" or "customer" => "Customer",
        "system" => "OSVI",
        var other => other,
    };

    /// <summary>An end reason in words (<c>customer-did-not-answer</c> → "customer did not answer").</summary>
    public static string Reason(string? reason) => string.IsNullOrWhiteSpace(reason) ? "" : reason.Replace('-', ' ').Replace('_', ' ');

    /// <summary>The call type in words.</summary>
    public static string Type(CallType type) => type == CallType.Inbound ? "Inbound" : type == CallType.Outbound ? "Outbound" : type.Value ?? "";

    /// <summary>A tag colour safe to put in a style attribute (a hex colour), else null.</summary>
    public static string? SafeColor(string? color) => color is not null && HexColor().IsMatch(color) ? color : null;

    [GeneratedRegex("^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColor();
}

/// <summary>A call's status and end reason explained for people, with what to do next.</summary>
/// <param name="Headline">What happened, e.g. "Nobody answered".</param>
/// <param name="Detail">More of what happened (who ended it and why).</param>
/// <param name="NextStep">What to do about it.</param>
public sealed record CallExplanation(string Headline, string Detail, string NextStep)
{
    /// <summary>Explains a call.</summary>
    public static CallExplanation Of(CallListItem call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var reason = call.EndedReason?.ToLowerInvariant();
        if (call.Status == CallStatus.InProgress)
        {
            return call.PickedAt is null
                ? new("Waiting to be dialled", "OSVI has queued this call and has not dialled it yet.",
                    "This page updates by itself. Calls are usually dialled within seconds; a campaign's queue can hold them longer.")
                : new("Under way", "OSVI dialled the number and the call has not ended yet.",
                    "This page updates by itself until the call ends; the summary, transcript and recording follow.");
        }

        if (call.Status == CallStatus.Picked)
        {
            var talk = $"The call connected and lasted {CallFormat.Duration(call.DurationSeconds)}.";
            return reason switch
            {
                "assistant-ended-call" => new("Answered", talk + " The agent ended it when the conversation was done.",
                    "Read the summary and the extracted data below."),
                "customer-ended-call" => new("Answered", talk + " The customer hung up.",
                    "Check the transcript to see whether they hung up before the agent finished."),
                "silence-timed-out" => new("Answered, then silence", talk + " It ended after a long silence.",
                    "Listen to the recording: the line may have been poor or nobody was speaking."),
                "exceeded-max-duration" => new("Answered, cut off at the time limit", talk + " It reached its maximum duration and was ended.",
                    "Raise max_call_duration_seconds for calls like this, or tighten the agent's prompt."),
                _ => new("Answered", talk + EndedBySentence(call), "Read the summary and the extracted data below."),
            };
        }

        if (call.Status == CallStatus.NotPicked)
        {
            return new("Nobody answered", "The phone rang but nobody picked up." + EndedBySentence(call),
                "Consider a retry window (retry_config in the call's overrides) or calling at another time of day.");
        }

        if (call.Status == CallStatus.Busy)
        {
            return new("Line busy", "The number was busy when OSVI dialled it.",
                "Try again in a few minutes; a retry with a short interval often reaches them.");
        }

        if (call.Status == CallStatus.Voicemail)
        {
            return new("Reached voicemail", "The call went to voicemail; the agent detected it and hung up.",
                "Call again later, or enable retries so OSVI tries again by itself.");
        }

        if (call.Status == CallStatus.Failed)
        {
            return reason switch
            {
                "invalid-number" => new("Failed: invalid number", "The number could not be dialled.",
                    "Check the number and its country code, then call again."),
                "dnd-skipped" => new("Not dialled: on the DND list", "The number is on this agent's Do-Not-Disturb list, so OSVI did not dial it.",
                    "Remove it from the agent's DND list only if the person asked to be called again."),
                "call-failed" => new("Failed to connect", "The call could not be connected.",
                    "Try again. If many calls fail, check the agent's phone setup in OSVI."),
                _ => new("Failed", "The call failed" + (reason is null ? "." : $" ({CallFormat.Reason(reason)})."),
                    "Try again. If it keeps failing, check the number and the agent's phone setup in OSVI."),
            };
        }

        return new($"Status “{call.Status.Value}”", $"OSVI reports a status this dashboard does not know{(reason is null ? "" : $" (reason: {CallFormat.Reason(reason)})")}.",
            "Check the call in OSVI's own dashboard.");
    }

    private static string EndedBySentence(CallListItem call) => call.EndedBy is null && call.EndedReason is null ? ""
        : $" Ended by {Who(call.EndedBy)}{(call.EndedReason is null ? "" : $" ({CallFormat.Reason(call.EndedReason)})")}.";

    private static string Who(string? endedBy) => CallFormat.EndedBy(endedBy) switch
    {
        "Agent" => "the agent",
        "Customer" => "the customer",
        var other => other,
    };
}
