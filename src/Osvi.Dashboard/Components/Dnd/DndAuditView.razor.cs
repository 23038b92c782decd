using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Dnd;

namespace Osvi.Dashboard.Components.Dnd;

/// <summary>The DND part of the audit trail: every add and remove with who, when, agent, number, reason, source and
/// result, filtered by agent, number, user and days, paged in the database, exportable as CSV.</summary>
public sealed partial class DndAuditView
{
    private const string AllAgents = "";
    private static readonly int[] s_pageSizes = [10, 25, 50, 100];
    private MudDataGrid<DndAuditRow>? _grid;
    private DndAuditFilter _filter = new();
    private int? _total;
    private bool? _canRead;
    private ServiceRefusal? _refusal;
    private string? _appliedAgent;
    private GridData<DndAuditRow> _last = new() { Items = [], TotalItems = 0 };

    [Inject]
    public required IDndService Dnd { get; init; }

    [Inject]
    public required DashboardClock Clock { get; init; }

    /// <summary>The active agents, for the agent filter and names.</summary>
    [Parameter, EditorRequired]
    public required LiveSnapshot<IReadOnlyList<AgentView>> Agents { get; set; }

    /// <summary>The agent chosen on the page: the agent filter follows it until the user picks another.</summary>
    [Parameter]
    public string? AgentUuid { get; set; }

    private IEnumerable<(string Id, string Name)> AgentChoices
    {
        get
        {
            var active = (Agents.Value ?? []).Select(agent => (agent.Id, agent.Name)).ToList();
            if (AgentUuid is not null && active.All(agent => agent.Id != AgentUuid))
            {
                active.Insert(0, (AgentUuid, AgentUuid));
            }

            return active;
        }
    }

    protected override async Task OnInitializedAsync()
    {
        _canRead = await Dnd.CanReadAuditAsync();
        if (_canRead == false)
        {
            var refused = await Dnd.QueryAuditAsync(new DndAuditFilter(), 0, 1, CancellationToken.None);
            _refusal = refused.Refusal;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (AgentUuid != _appliedAgent)
        {
            _appliedAgent = AgentUuid;
            _filter = _filter with { AgentUuid = AgentUuid };
            await ReloadAsync();
        }
    }

    /// <summary>Reads the trail again (after a change elsewhere on the page).</summary>
    public Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    private async Task AgentChangedAsync(string? agent)
    {
        _filter = _filter with { AgentUuid = string.IsNullOrEmpty(agent) ? null : agent };
        await ReloadAsync();
    }

    private async Task PhoneChangedAsync(string? phone)
    {
        _filter = _filter with { Phone = phone };
        await ReloadAsync();
    }

    private async Task UserChangedAsync(string? user)
    {
        _filter = _filter with { User = user };
        await ReloadAsync();
    }

    private async Task FromChangedAsync(DateTime? from)
    {
        _filter = _filter with { From = from is { } day ? DateOnly.FromDateTime(day) : null };
        await ReloadAsync();
    }

    private async Task ToChangedAsync(DateTime? to)
    {
        _filter = _filter with { To = to is { } day ? DateOnly.FromDateTime(day) : null };
        await ReloadAsync();
    }

    private async Task<GridData<DndAuditRow>> LoadAsync(GridState<DndAuditRow> state, CancellationToken ct)
    {
        ServiceResult<DndAuditPage> result;
        try
        {
            result = await Dnd.QueryAuditAsync(_filter, state.Page * state.PageSize, state.PageSize, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A newer filter or page replaced this query; keep what is shown.
            return _last;
        }

        if (!result.Succeeded)
        {
            _refusal = result.Refusal;
            _canRead = result.Refusal is null ? _canRead : false;
            StateHasChanged();
            return new GridData<DndAuditRow> { Items = [], TotalItems = 0 };
        }

        if (_total != result.Value.TotalCount)
        {
            // The count is this component's markup, not the grid's.
            _total = result.Value.TotalCount;
            StateHasChanged();
        }

        return _last = new GridData<DndAuditRow> { Items = result.Value.Items, TotalItems = result.Value.TotalCount };
    }

    private string AgentLabel(string? id) => string.IsNullOrEmpty(id) ? "All agents" : AgentName(id);

    private string AgentName(string id) => Agents.Value?.FirstOrDefault(agent => agent.Id == id)?.Name ?? id;

    private string When(DateTimeOffset at) => Clock.ToLocal(at).ToString("d MMM yyyy, HH:mm:ss", CultureInfo.InvariantCulture);

    private static DateTime? ToDate(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private static string Short(string id) => id.Length <= 13 ? id : id[..8] + "…";
}
