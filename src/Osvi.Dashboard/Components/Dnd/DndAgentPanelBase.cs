using Microsoft.AspNetCore.Components;
using Osvi.Dashboard.Services.Dnd;

namespace Osvi.Dashboard.Components.Dnd;

/// <summary>What a part of the DND page that works on one agent's list gets: the service, the agent, and whether the
/// user may change lists (only to offer the controls; the service checks again).</summary>
public abstract class DndAgentPanelBase : ComponentBase
{
    [Inject]
    public required IDndService Dnd { get; init; }

    /// <summary>The agent whose list is shown or changed.</summary>
    [Parameter, EditorRequired]
    public required string AgentUuid { get; set; }

    /// <summary>The agent's name, when known.</summary>
    [Parameter]
    public string? AgentName { get; set; }

    /// <summary>True when the user may change DND lists.</summary>
    [Parameter]
    public bool CanChange { get; set; }
}
