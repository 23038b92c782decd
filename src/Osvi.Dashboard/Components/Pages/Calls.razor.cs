using System.Globalization;
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
    private const int ColumnCount = 9;

    // MudBlazor's classes for the controls the page draws as markup (as its components render them, MudBlazor 9).
    private const string RefreshButtonClass = "mud-button-root mud-icon-button mud-button mud-button-outlined mud-button-outlined-default mud-button-outlined-size-small mud-ripple mud-icon-button-size-small";
    private const string ExportButtonClass = "mud-button-root mud-button mud-button-outlined mud-button-outlined-default mud-button-outlined-size-medium mud-ripple";
    private const string NewCallButtonClass = "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-medium mud-ripple";
    private const string PagerButtonClass = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon mud-flip-x-rtl";

    private CallLogView _view = CallLogView.Default;
    private CallExport? _export;
    private (CallLogView View, CallPage Page)? _shown;
    private bool _loading;
    private CancellationTokenSource? _load;
    private OsviError? _error;
    private DateTimeOffset? _updatedAt;
    private DateTimeOffset? _checkedAt;
    private bool _autoRefresh;
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

    private string AutoRefreshBaseClass => _autoRefresh
        ? "mud-button-root mud-icon-button mud-switch-base mud-ripple mud-ripple-switch mud-primary-text hover:mud-primary-hover mud-checked mud-switch-base-small"
        : "mud-button-root mud-icon-button mud-switch-base mud-ripple mud-ripple-switch mud-default-text hover:mud-default-hover mud-switch-base-small";

    private string TimeTitle => $"Time ({ViewerZone.Zone.Id})";

    // After a failure the last rows of the same view stay (under the error); another view's rows never show.
    private IReadOnlyList<CallListItem>? Rows => _shown is ({ } view, { } page) && view == _view ? page.Items : null;

    // Until the view's first page arrives, the last known total keeps the pager where the URL says.
    private long TotalCount => Math.Max(_shown?.Page.TotalCount ?? 0, Rows is null ? ((long)(_view.Page - 1) * _view.PerPage) + 1 : 0);

    private int LastPageNumber => (int)Math.Max(1, (TotalCount + _view.PerPage - 1) / _view.PerPage);

    private string PageInfo
    {
        get
        {
            var total = TotalCount;
            var first = total == 0 ? 0 : ((long)(_view.Page - 1) * _view.PerPage) + 1;
            var last = Math.Min(total, (long)_view.Page * _view.PerPage);
            return string.Create(CultureInfo.InvariantCulture, $"{first}-{last} of {total}");
        }
    }

    protected override async Task OnInitializedAsync()
    {
        _agents = Watch(ActiveAgentsKey.Instance, snapshot => _agents = snapshot);
        Navigation.LocationChanged += OnLocationChanged;
        ReadLocation(initial: true);
        var user = await CurrentUser.GetAsync();
        _canStartCalls = user.Can(DashboardPermission.StartCalls);
        _canExport = user.Can(DashboardPermission.ExportData);
        await LoadAsync();
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

    /// <summary>Shows the URL's page: one OSVI page per view, cancelled when another view is asked for or the page
    /// closes. With auto-refresh on, the shared poller's snapshot of this very page is used instead of a request of our
    /// own.</summary>
    private async Task LoadAsync(bool force = false)
    {
        var requested = _view;
        if (!force && _autoKey?.View == requested && _autoSnapshot is { HasValue: true, Value: { } live })
        {
            await ShowAsync(requested, live, _autoSnapshot.UpdatedAt, _autoSnapshot.CheckedAt, _autoSnapshot.Error);
            return;
        }

        if (_load is not null)
        {
            await _load.CancelAsync();
            _load.Dispose();
        }

        var load = CancellationTokenSource.CreateLinkedTokenSource(ComponentCancellation);
        _load = load;
        _loading = true;
        StateHasChanged();
        try
        {
            var result = await CallsService.ListCallsAsync(requested.Filter, requested.Page, requested.PerPage, load.Token);
            if (load.IsCancellationRequested)
            {
                return;
            }

            _loading = false;
            _checkedAt = Time.GetUtcNow();
            if (!result.Succeeded)
            {
                _error = result.Error;
                return;
            }

            await ShowAsync(requested, result.Value, _checkedAt, _checkedAt, null);
        }
        catch (OperationCanceledException) when (load.IsCancellationRequested)
        {
            // A newer view (or the page closing) took over.
        }
    }

    private async Task ShowAsync(CallLogView view, CallPage page, DateTimeOffset? updatedAt, DateTimeOffset? checkedAt, OsviError? error)
    {
        // The rows show numbers through Phones.Show, which masks until the (cached) decision is known.
        await Phones.IsMaskedAsync();
        _loading = false;
        _shown = (view, page);
        _updatedAt = updatedAt;
        _checkedAt = checkedAt;
        _error = error;
    }

    private void GoToPage(int page) => Navigation.NavigateTo((_view with { Page = Math.Clamp(page, 1, LastPageNumber) }).ToRelativeUrl());

    private void FirstPage() => GoToPage(1);

    private void PreviousPage() => GoToPage(_view.Page - 1);

    private void NextPage() => GoToPage(_view.Page + 1);

    private void LastPage() => GoToPage(LastPageNumber);

    // A new page size starts at the first page, as the grid did.
    private void SetPerPage(int perPage) => Navigation.NavigateTo((_view with { Page = 1, PerPage = perPage }).ToRelativeUrl());

    // The option's value comes back as text; only a size the pager offers is taken (a forged event is ignored).
    private void OnPerPageChanged(ChangeEventArgs e)
    {
        if (int.TryParse(e.Value as string, NumberStyles.None, CultureInfo.InvariantCulture, out var perPage) && CallLogView.PageSizes.Contains(perPage) && perPage != _view.PerPage)
        {
            SetPerPage(perPage);
        }
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(async () =>
    {
        var viewBefore = _view;
        if (ReadLocation(initial: false))
        {
            if (_view != viewBefore)
            {
                await LoadAsync();
            }

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

        await LoadAsync(force: true);
    }

    private void OnAutoRefreshChanged(ChangeEventArgs e)
    {
        _autoRefresh = e.Value is true;
        FollowLivePage();
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
            if (snapshot is { HasValue: true, Value: { } live })
            {
                await ShowAsync(key.View, live, snapshot.UpdatedAt, snapshot.CheckedAt, snapshot.Error);
            }
            else
            {
                _error = snapshot.Error;
                _checkedAt = snapshot.CheckedAt;
            }

            StateHasChanged();
        }));
        _autoSnapshot = _autoSubscription.Current;
    }

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
        _load?.Dispose();
        return ValueTask.CompletedTask;
    }
}
