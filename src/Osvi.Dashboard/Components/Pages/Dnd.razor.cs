using Microsoft.AspNetCore.Components;
using Osvi.Dashboard.Components.Dnd;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Dnd;

namespace Osvi.Dashboard.Components.Pages;

/// <summary>Do-Not-Disturb: an agent's list (searched and paged by OSVI), bulk add or remove, "is this number
/// blocked?" across every active agent, and the DND audit trail. URL contract: <c>/dnd?agent_uuid=…</c> opens an
/// agent's list; <c>&amp;add=&lt;phone&gt;&amp;call_id=…</c> also opens the add dialog prefilled (audit source "from a
/// call"); <c>/dnd/check?phone=…</c> checks a number at once; <c>?tab=list|bulk|check|audit</c> picks a tab.</summary>
public sealed partial class Dnd
{
    private const int ListTab = 0;
    private const int BulkTab = 1;
    private const int CheckTab = 2;
    private const int AuditTab = 3;

    private LiveSnapshot<IReadOnlyList<AgentView>> _agents = LiveSnapshot<IReadOnlyList<AgentView>>.Pending;
    private string? _agentUuid;
    private bool? _canChange;
    private int _tab;
    private string? _checkPhone;
    private string? _pendingAdd;
    private string? _pendingCallId;
    private bool _addDialogOpen;
    private (string Phone, string? CallId)? _handledAdd;
    private DndListView? _list;
    private DndAuditView? _audit;

    [Inject]
    public required IDndService DndService { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary><c>agent_uuid</c>: the agent whose list is shown.</summary>
    [SupplyParameterFromQuery(Name = "agent_uuid")]
    public string? AgentUuidQuery { get; set; }

    /// <summary><c>add</c>: a number to open the add dialog with.</summary>
    [SupplyParameterFromQuery(Name = "add")]
    public string? AddQuery { get; set; }

    /// <summary><c>call_id</c>: the call the number to add comes from.</summary>
    [SupplyParameterFromQuery(Name = "call_id")]
    public string? CallIdQuery { get; set; }

    /// <summary><c>phone</c>: a number to check (<c>/dnd/check?phone=…</c>).</summary>
    [SupplyParameterFromQuery(Name = "phone")]
    public string? PhoneQuery { get; set; }

    /// <summary><c>tab</c>: <c>list</c>, <c>bulk</c>, <c>check</c> or <c>audit</c>.</summary>
    [SupplyParameterFromQuery(Name = "tab")]
    public string? TabQuery { get; set; }

    private string? AgentName => _agents.Value?.FirstOrDefault(agent => agent.Id == _agentUuid)?.Name ?? _agentUuid;

    protected override async Task OnInitializedAsync()
    {
        _agents = Watch(ActiveAgentsKey.Instance, snapshot => _agents = snapshot);
        _tab = Navigation.ToBaseRelativePath(Navigation.Uri).StartsWith("dnd/check", StringComparison.OrdinalIgnoreCase)
            ? CheckTab
            : TabQuery?.ToLowerInvariant() switch
            {
                "bulk" => BulkTab,
                "check" => CheckTab,
                "audit" => AuditTab,
                _ => ListTab,
            };
        _checkPhone = QueryPhone(PhoneQuery);
        _canChange = await DndService.CanChangeAsync();
    }

    protected override void OnParametersSet()
    {
        var agent = string.IsNullOrWhiteSpace(AgentUuidQuery) ? null : AgentUuidQuery.Trim();
        if (agent is not null)
        {
            _agentUuid = agent;
        }

        // A link's add is handled once: the address may still carry it for a moment after the dialog opened.
        var callId = string.IsNullOrWhiteSpace(CallIdQuery) ? null : CallIdQuery.Trim();
        if (QueryPhone(AddQuery) is { } add && _handledAdd != (add, callId))
        {
            _pendingAdd = add;
            _pendingCallId = callId;
            _tab = ListTab;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_pendingAdd is null || _agentUuid is null || _list is null || _canChange != true || _addDialogOpen)
        {
            return;
        }

        var (phone, callId) = (_pendingAdd, _pendingCallId);
        _handledAdd = (phone, callId);
        _pendingAdd = null;
        _pendingCallId = null;
        _addDialogOpen = true;
        StateHasChanged();

        // Once handled, the link's add and call_id leave the address so a reload does not open the dialog again.
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["add"] = null, ["call_id"] = null }), replace: true);
        try
        {
            await _list.OpenAddAsync(phone, callId, callId is null ? DndSources.Manual : DndSources.FromCall);
        }
        finally
        {
            _addDialogOpen = false;
        }
    }

    private Task SelectAgentAsync(string agentUuid)
    {
        _agentUuid = agentUuid;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["agent_uuid"] = agentUuid, ["add"] = null, ["call_id"] = null }), replace: true);
        return Task.CompletedTask;
    }

    private async Task TabChangedAsync(int tab)
    {
        _tab = tab;
        if (tab == AuditTab && _audit is not null)
        {
            await _audit.ReloadAsync();
        }
    }

    private async Task ChangedAsync()
    {
        if (_audit is not null)
        {
            await _audit.ReloadAsync();
        }
    }

    private async Task BulkFinishedAsync()
    {
        if (_list is not null)
        {
            await _list.ReloadAsync();
        }

        await ChangedAsync();
    }

    /// <summary>A phone number from the query. An E.164 number in a link whose '+' was not encoded arrives with a space
    /// instead ("+91…" → " 91…"); put the '+' back so it is not read as a national number.</summary>
    internal static string? QueryPhone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return value.Length > 1 && value[0] == ' ' && char.IsAsciiDigit(value[1]) ? "+" + value[1..].Trim() : value.Trim();
    }
}
