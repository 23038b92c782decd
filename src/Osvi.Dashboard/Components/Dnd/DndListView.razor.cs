using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Dnd;
using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Components.Dnd;

/// <summary>One agent's DND list: searched and paged by OSVI (the grid's cancellation reaches the HTTP request), with
/// add, remove (after a confirm step) and a CSV export of every page.</summary>
public sealed partial class DndListView
{
    private static readonly int[] s_pageSizes = [10, 25, 50, 100];
    private MudDataGrid<DndEntryView>? _grid;
    private string? _search;
    private int? _total;

    // The search the rows, count or error shown now answer ("" for none): the field waits for typing to pause before it
    // asks, so the page (and a test) can tell the answer to the latest search from the one before.
    private string _answeredSearch = "";
    private ServiceResult<DndPage>? _failure;
    private GridData<DndEntryView> _last = new() { Items = [], TotalItems = 0 };

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required IPhoneNumberDisplay Phones { get; init; }

    [Inject]
    public required DashboardClock Clock { get; init; }

    /// <summary>Raised after the list changed (an add or remove), e.g. to refresh the audit view.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    private string ExportUrl => DndExports.ListUrl(AgentUuid, _search);

    private string? _shownAgent;

    protected override async Task OnParametersSetAsync()
    {
        if (_shownAgent is not null && _shownAgent != AgentUuid)
        {
            _search = null;
            _total = null;
            await ReloadAsync();
        }

        _shownAgent = AgentUuid;
    }

    /// <summary>Opens the add dialog, optionally prefilled (e.g. from a call).</summary>
    public async Task OpenAddAsync(string? phone = null, string? callId = null, string source = DndSources.Manual)
    {
        var parameters = new DialogParameters<DndAddDialog>
        {
            { dialog => dialog.AgentUuid, AgentUuid },
            { dialog => dialog.AgentName, AgentName },
            { dialog => dialog.Phone, phone },
            { dialog => dialog.CallId, callId },
            { dialog => dialog.Source, source },
        };
        var dialog = await Dialogs.ShowAsync<DndAddDialog>("Add a number to DND", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: DndAddResult added })
        {
            var shown = await Phones.ShowAsync(added.Phone);
            Snackbar.Add(added.Outcome == DndAddOutcome.Added ? $"{shown} added to the DND list." : $"{shown} was already on the DND list.",
                added.Outcome == DndAddOutcome.Added ? Severity.Success : Severity.Info);
            await ReloadAsync();
            await Changed.InvokeAsync();
        }
    }

    private async Task OpenRemoveAsync(DndEntryView entry)
    {
        var parameters = new DialogParameters<DndRemoveDialog>
        {
            { dialog => dialog.AgentUuid, AgentUuid },
            { dialog => dialog.AgentName, AgentName },
            { dialog => dialog.Phone, entry.Phone },
        };
        var dialog = await Dialogs.ShowAsync<DndRemoveDialog>("Remove from DND?", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: DndRemoveResult removed })
        {
            var shown = await Phones.ShowAsync(removed.Phone);
            Snackbar.Add(removed.Outcome == DndRemoveOutcome.Removed ? $"{shown} removed from the DND list." : $"{shown} was not on the DND list.",
                removed.Outcome == DndRemoveOutcome.Removed ? Severity.Success : Severity.Info);
            await ReloadAsync();
            await Changed.InvokeAsync();
        }
    }

    private async Task SearchChangedAsync(string? search)
    {
        _search = search;
        await ReloadAsync();
    }

    /// <summary>Reads the current page again.</summary>
    public Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    private async Task<GridData<DndEntryView>> LoadAsync(GridState<DndEntryView> state, CancellationToken ct)
    {
        ServiceResult<DndPage> result;
        var search = _search;
        try
        {
            result = await Dnd.ListAsync(new DndListRequest(AgentUuid, search, state.Page + 1, state.PageSize), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A newer request (another page, another search) replaced this one; keep what is shown.
            return _last;
        }

        // The error alert and the count are this component's markup, not the grid's: render it when they change.
        var hadFailure = _failure is not null;
        var searchChanged = _answeredSearch != (search ?? "");
        _answeredSearch = search ?? "";
        if (!result.Succeeded)
        {
            _failure = result;
            _total = null;
            StateHasChanged();
            return _last = new GridData<DndEntryView> { Items = [], TotalItems = 0 };
        }

        var totalChanged = _total != result.Value.TotalCount;
        _failure = null;
        _total = result.Value.TotalCount;
        if (hadFailure || totalChanged || searchChanged)
        {
            StateHasChanged();
        }

        return _last = new GridData<DndEntryView> { Items = result.Value.Items, TotalItems = result.Value.TotalCount };
    }

    private string Added(DateTimeOffset at) => Clock.ToLocal(at).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);
}
