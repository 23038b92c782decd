using MudBlazor;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Services.Dnd;

namespace Osvi.Dashboard.Components.Dnd;

/// <summary>How a bulk line's outcome and an audit result look: the same words and colours in the report, the counts,
/// the audit view and the downloaded report.</summary>
/// <param name="Label">A short label.</param>
/// <param name="Color">The chip colour.</param>
/// <param name="Icon">A MudBlazor icon.</param>
public sealed record DndOutcomeStyle(string Label, Color Color, string Icon)
{
    /// <summary>The outcomes in the order the summary lists them.</summary>
    public static IReadOnlyList<DndLineOutcome> SummaryOrder { get; } =
    [
        DndLineOutcome.Added, DndLineOutcome.AlreadyListed, DndLineOutcome.Removed, DndLineOutcome.NotOnList,
        DndLineOutcome.Invalid, DndLineOutcome.Repeated, DndLineOutcome.Failed, DndLineOutcome.Unknown,
        DndLineOutcome.Refused, DndLineOutcome.NotSent, DndLineOutcome.Sending, DndLineOutcome.Pending,
    ];

    /// <summary>The style of a line outcome.</summary>
    public static DndOutcomeStyle Of(DndLineOutcome outcome) => outcome switch
    {
        DndLineOutcome.Pending => new("Waiting", Color.Default, Icons.Material.Outlined.Schedule),
        DndLineOutcome.Sending => new("Sending", Color.Info, Icons.Material.Outlined.Sync),
        DndLineOutcome.Added => new("Added", Color.Success, Icons.Material.Outlined.CheckCircle),
        DndLineOutcome.AlreadyListed => new("Already on the list", Color.Success, Icons.Material.Outlined.DoneAll),
        DndLineOutcome.Removed => new("Removed", Color.Success, Icons.Material.Outlined.RemoveCircleOutline),
        DndLineOutcome.NotOnList => new("Not on the list", Color.Success, Icons.Material.Outlined.DoneAll),
        DndLineOutcome.Invalid => new("Invalid number", Color.Warning, Icons.Material.Outlined.ErrorOutline),
        DndLineOutcome.Repeated => new("Repeated line", Color.Default, Icons.Material.Outlined.ContentCopy),
        DndLineOutcome.Failed => new("Failed", Color.Error, Icons.Material.Outlined.Cancel),
        DndLineOutcome.Unknown => new("Outcome unknown", Color.Warning, Icons.Material.Outlined.HelpOutline),
        DndLineOutcome.Refused => new("Not allowed", Color.Error, Icons.Material.Outlined.Block),
        DndLineOutcome.NotSent => new("Not sent", Color.Default, Icons.Material.Outlined.StopCircle),
        _ => new(outcome.ToString(), Color.Default, Icons.Material.Outlined.Circle),
    };

    /// <summary>The style of an audit result; a failure without OSVI's answer (unreachable, cancelled in flight, a
    /// dashboard fault) is an unknown outcome, not a failure.</summary>
    public static DndOutcomeStyle Of(AuditResult result, string? errorKind) => result switch
    {
        AuditResult.Succeeded => new("Succeeded", Color.Success, Icons.Material.Outlined.CheckCircle),
        AuditResult.Refused => new("Refused", Color.Warning, Icons.Material.Outlined.Block),
        _ when errorKind is "Unreachable" or "Cancelled" or "Unexpected" => new("Outcome unknown", Color.Warning, Icons.Material.Outlined.HelpOutline),
        _ => new("Failed", Color.Error, Icons.Material.Outlined.Cancel),
    };
}
