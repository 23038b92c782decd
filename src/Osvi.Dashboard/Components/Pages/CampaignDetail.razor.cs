using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Osvi.Dashboard.Components.Campaigns;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Campaigns;

namespace Osvi.Dashboard.Components.Pages;

/// <summary>One campaign, live: outcomes, progress of the open queues, pace and ETA from recent snapshots, the
/// failure-spike alert, settings and every upload. One status poll per interval however many browsers show it.</summary>
public sealed partial class CampaignDetail
{
    private readonly LineChartOptions _paceOptions = new() { ShowLegend = false, ShowToolTips = true, YAxisTicks = 5, ChartPalette = ["#0EA5E9"] };
    private CampaignFeeds? _feeds;
    private long _shownId;
    private LiveSnapshot<IReadOnlyList<AgentView>> _agents = LiveSnapshot<IReadOnlyList<AgentView>>.Pending;
    private List<ChartSeries<double>> _paceSeries = [];
    private string[] _paceLabels = [];
    private DashboardUser? _user;
    private bool _watched;
    private bool _watchedLoaded;
    private string? _localName;
    private bool _busy;
    private ServiceResult<WatchOutcome>? _watchError;

    [Parameter]
    public long CampaignId { get; set; }

    [Inject]
    public required DashboardClock Clock { get; init; }

    [Inject]
    public required IWatchedCampaignsService Watched { get; init; }

    [Inject]
    public required ICurrentUser CurrentUser { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    private LiveSnapshot<CampaignProgress> Snapshot => _feeds?[CampaignId] ?? LiveSnapshot<CampaignProgress>.Pending;

    private CampaignProgress? Progress => Snapshot.Value;

    private CampaignStatusView? Status => Progress?.Status;

    private string Title => CampaignText.DisplayName(CampaignId, _localName, Status?.Name);

    private string Subtitle => Status is null ? $"Campaign #{CampaignId}"
        : $"Campaign #{CampaignId}{(_localName is not null ? $" · “{Status.Name}” in OSVI" : "")} · {(_watched ? "watched" : "not on your watched list")} · refreshes on its own";

    private bool NotFound => Progress is null && Snapshot.Error?.Kind == Osvi.Client.OsviErrorKind.NotFound;

    private bool CanUpload => _user?.Can(DashboardPermission.UploadContacts) == true;

    private bool CanManageWatched => _user?.Can(DashboardPermission.ManageWatchedCampaigns) == true;

    private IReadOnlyDictionary<string, string>? AgentNames => _agents.Value?.ToDictionary(agent => agent.Id, agent => agent.Name);

    private string RetryText => Status is not { IsRetryEnabled: true }
        ? "Off"
        : $"Up to {Status.RetryThreshold} more {(Status.RetryThreshold == 1 ? "attempt" : "attempts")}, {CampaignText.Duration(Status.RetryDelay)} apart";

    private string PaceChartDescription => Progress is null || Progress.History.Count == 0 ? ""
        : $"Finished calls rose from {Progress.History[0].Finished} to {Progress.History[^1].Finished} over {CampaignText.Duration(Progress.History[^1].At - Progress.History[0].At)}";

    protected override async Task OnInitializedAsync()
    {
        _agents = Watch(ActiveAgentsKey.Instance, snapshot => _agents = snapshot);
        _feeds = new CampaignFeeds(Live, InvokeAsync, () =>
        {
            BuildPaceChart();
            StateHasChanged();
            return Task.CompletedTask;
        });
        _user = await CurrentUser.GetAsync();
    }

    // The same page instance is reused when the address moves to another campaign: follow it.
    protected override async Task OnParametersSetAsync()
    {
        if (_feeds is null || _shownId == CampaignId)
        {
            return;
        }

        _shownId = CampaignId;
        _watchError = null;
        _watchedLoaded = false;
        _feeds.Track([CampaignId]);
        BuildPaceChart();
        var watched = (await Watched.ListAsync(ComponentCancellation)).FirstOrDefault(campaign => campaign.CampaignId == CampaignId);
        _watched = watched is not null;
        _localName = watched?.LocalName;
        _watchedLoaded = true;
    }

    protected override ValueTask DisposeAsyncCore()
    {
        _feeds?.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Refresh() => Live.RequestRefresh(new CampaignStatusKey(CampaignId));

    private async Task WatchAsync()
    {
        _busy = true;
        _watchError = null;
        try
        {
            var result = await Watched.WatchAsync(CampaignId, localName: null, ComponentCancellation);
            if (result.Succeeded)
            {
                _watched = true;
                Snackbar.Add($"Watching “{result.Value.CampaignName}”: it shows on the Overview and the wallboard.", Severity.Success);
            }
            else
            {
                _watchError = result;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private void BuildPaceChart()
    {
        var history = Progress?.History ?? [];
        if (history.Count < 2)
        {
            _paceSeries = [];
            _paceLabels = [];
            return;
        }

        // Labels thin out so a long history stays readable.
        var step = Math.Max(1, history.Count / 8);
        _paceLabels = [.. history.Select((sample, index) => index % step == 0 || index == history.Count - 1
            ? Clock.ToLocal(sample.At).ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "")];
        _paceSeries = [new ChartSeries<double> { Name = "Finished calls", Data = new ChartData<double>([.. history.Select(sample => (double)sample.Finished)]) }];
    }
}
