namespace Osvi.Simulator.World;

/// <summary>The six call statuses of the API (contract §3.4).</summary>
public static class CallStatuses
{
    /// <summary>Answered.</summary>
    public const string Picked = "picked";

    /// <summary>Rang out.</summary>
    public const string NotPicked = "not_picked";

    /// <summary>Could not be connected (also: skipped because of DND).</summary>
    public const string Failed = "failed";

    /// <summary>Line busy.</summary>
    public const string Busy = "busy";

    /// <summary>Reached voicemail.</summary>
    public const string Voicemail = "voicemail";

    /// <summary>Queued (<c>call_picked_at</c> null) or being dialled / talking.</summary>
    public const string InProgress = "in_progress";

    /// <summary>Every status, in the contract's order.</summary>
    public static IReadOnlyList<string> All { get; } = [Picked, NotPicked, Failed, Busy, Voicemail, InProgress];

    /// <summary>Whether a value is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string value) => All.Contains(value, StringComparer.Ordinal);
}
