using Osvi.Client.Contracts;

namespace Osvi.Dashboard.Theme;

/// <summary>How a call status looks everywhere: a label people understand and a colour (charts, dots, chips).</summary>
/// <param name="Label">e.g. "Answered" for <c>picked</c>.</param>
/// <param name="Color">A CSS colour that reads on light and dark surfaces.</param>
public sealed record CallStatusStyle(string Label, string Color)
{
    private static readonly Dictionary<CallStatus, CallStatusStyle> s_styles = new()
    {
        [CallStatus.Picked] = new("Answered", "#16A34A"),
        [CallStatus.NotPicked] = new("Not answered", "#D97706"),
        [CallStatus.Busy] = new("Busy", "#EA580C"),
        [CallStatus.Voicemail] = new("Voicemail", "#8B5CF6"),
        [CallStatus.Failed] = new("Failed", "#DC2626"),
        [CallStatus.InProgress] = new("In progress", "#0EA5E9"),
    };

    /// <summary>The style of a status; unknown values (D9) get their raw value and a neutral grey.</summary>
    public static CallStatusStyle Of(CallStatus status) =>
        s_styles.TryGetValue(status, out var style) ? style : new CallStatusStyle(status.Value ?? "unknown", "#6B7280");

    /// <summary>The documented statuses in reading order: outcomes first, then calls still under way.</summary>
    public static IReadOnlyList<CallStatus> DisplayOrder { get; } =
        [CallStatus.Picked, CallStatus.NotPicked, CallStatus.Busy, CallStatus.Voicemail, CallStatus.Failed, CallStatus.InProgress];
}
