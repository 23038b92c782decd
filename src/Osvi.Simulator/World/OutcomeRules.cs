namespace Osvi.Simulator.World;

/// <summary>
/// How a dialled call's outcome is chosen. A number whose <b>last four digits</b> are one of the suffixes below gets a
/// fixed, documented outcome, so tests (here and in the dashboard) can drive the world; any other number draws from
/// the seeded distribution (≈55 % picked, 22 % not picked, 11 % voicemail, 8 % busy, 4 % failed).
/// </summary>
/// <remarks>
/// Timing in simulated time (the <see cref="Time.SimulatorClock"/>): <c>POST /v1/call</c> lists the call at once as
/// <c>in_progress</c> with <c>call_picked_at</c> null; it is dialled <see cref="SimulatorOptions.DialDelaySeconds"/>
/// later (2 s by default; <c>call_picked_at</c> = that moment, D6); a forced call then ends after
/// <see cref="ForcedRingSeconds"/> plus, when picked, <see cref="ForcedTalkSeconds"/>. Every forced call has its outcome
/// within <see cref="ForcedCallSettlesWithin"/> of its creation; any call within <see cref="AnyCallSettlesWithin"/>.
/// </remarks>
public static class OutcomeRules
{
    /// <summary>…0001: answered; talks for <see cref="ForcedTalkSeconds"/>; has a transcript and a recording.</summary>
    public const string PickedSuffix = "0001";

    /// <summary>…0002: rings out (<c>not_picked</c>).</summary>
    public const string NotPickedSuffix = "0002";

    /// <summary>…0003: <c>busy</c>.</summary>
    public const string BusySuffix = "0003";

    /// <summary>…0004: <c>failed</c>.</summary>
    public const string FailedSuffix = "0004";

    /// <summary>…0005: <c>voicemail</c>.</summary>
    public const string VoicemailSuffix = "0005";

    /// <summary>…0006: <c>not_picked</c> on the first attempt, <c>picked</c> on every retry (for retry tests).</summary>
    public const string PickedOnRetrySuffix = "0006";

    /// <summary>…0007: answered and talks for <see cref="LongTalkSeconds"/> (or the call's max duration if lower).</summary>
    public const string LongCallSuffix = "0007";

    /// <summary>Seconds from dial to outcome for forced calls that are not answered (answered: plus the talk time).</summary>
    public const int ForcedRingSeconds = 5;

    /// <summary>Talk time of a forced <c>picked</c> call.</summary>
    public const int ForcedTalkSeconds = 45;

    /// <summary>Talk time of <see cref="LongCallSuffix"/>.</summary>
    public const int LongTalkSeconds = 1_800;

    /// <summary>Upper bound from <c>POST /v1/call</c> to the outcome of a forced call (default dial delay).</summary>
    public static TimeSpan ForcedCallSettlesWithin { get; } = TimeSpan.FromMinutes(2);

    /// <summary>Upper bound from dial to outcome of any non-forced call (picked talk time is capped at 10 minutes).</summary>
    public static TimeSpan AnyCallSettlesWithin { get; } = TimeSpan.FromMinutes(12);

    /// <summary>A valid Indian mobile number (10 national digits, no +91) that ends in <paramref name="suffix"/>.</summary>
    /// <param name="suffix">One of the suffix constants.</param>
    /// <param name="variant">0–99: gives different numbers with the same rule (e.g. several calls in one test).</param>
    public static string NationalNumber(string suffix, int variant = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(suffix.Length, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)variant, 99u);
        return $"98{variant:D2}54{suffix}";
    }

    /// <summary>The E.164 form of <see cref="NationalNumber"/>.</summary>
    public static string E164(string suffix, int variant = 0) => "+91" + NationalNumber(suffix, variant);

    /// <summary>The forced outcome of a number on a given attempt (0 = first dial), or null to draw at random.</summary>
    public static string? ForcedOutcome(string phoneE164, int attempt)
    {
        ArgumentNullException.ThrowIfNull(phoneE164);
        if (phoneE164.Length < 4)
        {
            return null;
        }

        return phoneE164[^4..] switch
        {
            PickedSuffix or LongCallSuffix => CallStatuses.Picked,
            NotPickedSuffix => CallStatuses.NotPicked,
            BusySuffix => CallStatuses.Busy,
            FailedSuffix => CallStatuses.Failed,
            VoicemailSuffix => CallStatuses.Voicemail,
            PickedOnRetrySuffix => attempt == 0 ? CallStatuses.NotPicked : CallStatuses.Picked,
            _ => null,
        };
    }

    /// <summary>Whether the number falls under a forced rule (seeded customers never do).</summary>
    public static bool IsForced(string phoneE164) => ForcedOutcome(phoneE164, 0) is not null;
}
