using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using Osvi.Client;
using Osvi.Dashboard.Components.Calls;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Components.Pages;

/// <summary>The call log: server-side pages of <c>GET /v1/calls</c> with every filter, the state in the URL (links
/// reproduce the view; back and forward work), CSV export, auto-refresh through the shared poller, and the start-call
/// dialog (<c>/calls/new?agent_uuid=…&amp;phone_number=…&amp;person_name=…</c> opens it prefilled).</summary>
public sealed partial class Calls
{
    private static readonly int[] s_pageSizes = [.. CallLogView.PageSizes];

    private CallLogView _view = CallLogView.Default;
    private MudDataGrid<CallListItem>? _grid;
    private CallExport? _export;
    private int _gridKey;
    private (CallLogView View, CallPage Page)? _shown;
    private OsviError? _error;
    private DateTimeOffset? _updatedAt;
    private DateTimeOffset? _checkedAt;
    private bool _autoRefresh;
    private bool _forceReload;
    private CallLogPageKey? _autoKey;
    private ILiveSubscription<CallPage>? _autoSubscription;
    private LiveSnapshot<CallPage> _autoSnapshot = LiveSnapshot<CallPage>.Pending;
    private LiveSnapshot<IReadOnlyList<AgentView>> _agents = LiveSnapshot<IReadOnlyList<AgentView>>.Pending;
    private bool _canStartCalls;
    private bool _canExport;
    private bool _openDialogOnRender;

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ICallsService CallsService { get; init; }

    [Inject]
    public required IViewerTimeZone ViewerZone { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ICurrentUser CurrentUser { get; init; }

    [Inject]
    public required IPhoneNumberDisplay Phones { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private string TimeTitle => $"Time ({ViewerZone.Zone.Id})";

    protected override async Task OnInitializedAsync()
    {
        _agents = Watch(ActiveAgentsKey.Instance, snapshot => _agents = snapshot);
        Navigation.LocationChanged += OnLocationChanged;
        ReadLocation(initial: true);
        var user = await CurrentUser.GetAsync();
        _canStartCalls = user.Can(DashboardPermission.StartCalls);
        _canExport = user.Can(DashboardPermission.ExportData);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && await ViewerZone.DetectAsync())
        {
            StateHasChanged();
        }

        if (_openDialogOnRender)
        {
            _openDialogOnRender = false;
            var query = CallFilter.ParseQuery(Navigation.Uri);
            var prefill = new StartCallPrefill(
                query.TryGetValue("agent_uuid", out var agent) ? agent.LastOrDefault() : null,
                query.TryGetValue("phone_number", out var phone) ? phone.LastOrDefault() : null,
                query.TryGetValue("person_name", out var name) ? name.LastOrDefault() : null);
            await OpenStartCallAsync(prefill, "link", fromLink: true);
        }
    }

    /// <summary>The grid's data: one OSVI page per grid page, the grid's token passed on to Refit. With auto-refresh on,
    /// the shared poller's snapshot of this very page is used instead of a request of our own.</summary>
    private async Task<GridData<CallListItem>> LoadAsync(GridState<CallListItem> state, CancellationToken ct)
    {
        var requested = _view with { Page = state.Page + 1, PerPage = state.PageSize };
        if (requested != _view)
        {
            // The pager moved: the URL follows, so back and forward step through pages too.
            _view = requested;
            Navigation.NavigateTo(_view.ToRelativeUrl());
            FollowLivePage();
        }

        CallPage page;
        if (!_forceReload && _autoKey?.View == requested && _autoSnapshot is { HasValue: true, Value: { } live })
        {
            page = live;
            _updatedAt = _autoSnapshot.UpdatedAt;
            _checkedAt = _autoSnapshot.CheckedAt;
            _error = _autoSnapshot.Error;
        }
        else
        {
            var result = await CallsService.ListCallsAsync(requested.Filter, requested.Page, requested.PerPage, ct);
            _checkedAt = Time.GetUtcNow();
            if (!result.Succeeded)
            {
                _error = result.Error;
                StateHasChanged();
                return Stale(requested);
            }

            page = result.Value;
            _updatedAt = _checkedAt;
            _error = null;
        }

        // The rows show numbers through Phones.Show, which masks until the (cached) decision is known.
        await Phones.IsMaskedAsync();
        _shown = (requested, page);
        StateHasChanged();
        return new GridData<CallListItem> { Items = page.Items, TotalItems = page.TotalCount };
    }

    // After a failure the last rows of the same view stay (under the error), and the total keeps the grid on its page:
    // a total of 0 would send it back to the first page and the URL with it.
    private GridData<CallListItem> Stale(CallLogView requested) => _shown is ({ } view, { } page) && view == requested
        ? new GridData<CallListItem> { Items = page.Items, TotalItems = page.TotalCount }
        : new GridData<CallListItem> { Items = [], TotalItems = Math.Max(_shown?.Page.TotalCount ?? 0, (requested.Page * requested.PerPage) + 1) };

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(() =>
    {
        if (ReadLocation(initial: false))
        {
            StateHasChanged();
        }
    });

    /// <summary>Takes the view from the URL; true when the page must show something else.</summary>
    private bool ReadLocation(bool initial)
    {
        var relative = Navigation.ToBaseRelativePath(Navigation.Uri);
        var path = relative.Split('?', '#')[0].TrimEnd('/');
        if (path is not ("calls" or "calls/new"))
        {
            return false;
        }

        var isNewCall = path == "calls/new";
        var view = isNewCall ? _view : CallLogView.FromUri(Navigation.Uri);
        _openDialogOnRender |= isNewCall && (initial || !_dialogOpen);
        if (view == _view && !initial)
        {
            return isNewCall;
        }

        _view = view;
        if (!initial)
        {
            // Re-create the grid at the URL's page and size (back/forward, a shared link, a new filter).
            _gridKey++;
        }

        FollowLivePage();
        return true;
    }

    private Task ApplyFilterAsync(CallFilter filter)
    {
        Navigation.NavigateTo((_view with { Filter = filter, Page = 1 }).ToRelativeUrl());
        return Task.CompletedTask;
    }

    private async Task RefreshAsync()
    {
        if (_autoKey is not null)
        {
            Live.RequestRefresh(_autoKey);
        }

        if (_grid is null)
        {
            return;
        }

        _forceReload = true;
        try
        {
            await _grid.ReloadServerData();
        }
        finally
        {
            _forceReload = false;
        }
    }

    private Task SetAutoRefreshAsync(bool on)
    {
        _autoRefresh = on;
        FollowLivePage();
        return Task.CompletedTask;
    }

    // Auto-refresh watches the shared feed of exactly this filter and page; another page or filter is another feed.
    private void FollowLivePage()
    {
        var key = _autoRefresh ? new CallLogPageKey(_view) : null;
        if (key == _autoKey)
        {
            return;
        }

        _autoSubscription?.Dispose();
        _autoSubscription = null;
        _autoSnapshot = LiveSnapshot<CallPage>.Pending;
        _autoKey = key;
        if (key is null)
        {
            return;
        }

        _autoSubscription = Live.Subscribe(key, snapshot => InvokeAsync(async () =>
        {
            if (key != _autoKey)
            {
                return;
            }

            _autoSnapshot = snapshot;
            if (_grid is not null && snapshot.HasValue)
            {
                await _grid.ReloadServerData();
            }
            else
            {
                _error = snapshot.Error;
                _checkedAt = snapshot.CheckedAt;
                StateHasChanged();
            }
        }));
        _autoSnapshot = _autoSubscription.Current;
    }

    private void OpenCall(DataGridRowClickEventArgs<CallListItem> args) =>
        Navigation.NavigateTo($"calls/{Uri.EscapeDataString(args.Item.CallId)}");

    private Task ExportAsync() => _export?.StartAsync() ?? Task.CompletedTask;

    private bool _dialogOpen;

    private async Task OpenStartCallAsync(StartCallPrefill prefill, string source, bool fromLink = false)
    {
        if (_dialogOpen)
        {
            return;
        }

        _dialogOpen = true;
        try
        {
            var callId = await StartCallDialog.ShowAsync(Dialogs, prefill, source);
            if (callId is not null)
            {
                Navigation.NavigateTo($"calls/{Uri.EscapeDataString(callId)}");
            }
            else if (fromLink)
            {
                Navigation.NavigateTo(_view.ToRelativeUrl(), replace: true);
            }
        }
        finally
        {
            _dialogOpen = false;
        }
    }

    protected override ValueTask DisposeAsyncCore()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        _autoSubscription?.Dispose();
        return ValueTask.CompletedTask;
    }
}
