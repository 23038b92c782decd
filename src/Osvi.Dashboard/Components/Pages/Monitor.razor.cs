using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Osvi.Client;
using Osvi.Dashboard.Components.Campaigns;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Services.Overview;

namespace Osvi.Dashboard.Components.Pages;

/// <summary>How current the wallboard's numbers are.</summary>
public enum WallFreshness
{
    /// <summary>Nothing fetched yet and nothing failed.</summary>
    Waiting,

    /// <summary>The latest updates succeeded.</summary>
    Fresh,

    /// <summary>An update failed, but the numbers are recent.</summary>
    Retrying,

    /// <summary>OSVI has not answered for longer than <c>Dashboard:Campaigns:StaleAfter</c>.</summary>
    Stale,
}

/// <summary>The wallboard for an office TV: a tile per watched campaign, today's totals, the time of the last good update
/// and a clear stale warning; rotates through pages of tiles on its own and has no controls (it is read-only, so a kiosk
/// principal can open it).</summary>
public sealed partial class Monitor
{
    private static readonly TimeSpan s_tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_reloadWatched = TimeSpan.FromMinutes(1);

    private CampaignOptions _options = new();
    private LiveSnapshot<CallCounts> _today = LiveSnapshot<CallCounts>.Pending;
    private CampaignFeeds? _feeds;
    private IReadOnlyList<WatchedCampaignView>? _watched;
    private int _page;
    private DateTimeOffset _pageShownAt;
    private DateTimeOffset _watchedLoadedAt;
    private Task? _loop;

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required IViewerTimeZone ViewerZone { get; init; }

    [Inject]
    public required IOverviewService Overviews { get; init; }

    [Inject]
    public required IOptionsMonitor<CampaignOptions> Options { get; init; }

    private int PageCount => _watched is { Count: > 0 } watched ? (int)Math.Ceiling(watched.Count / (double)_options.WallboardTilesPerPage) : 1;

    private IReadOnlyList<WatchedCampaignView> VisibleCampaigns =>
        _watched is null ? [] : [.. _watched.Skip(_page * _options.WallboardTilesPerPage).Take(_options.WallboardTilesPerPage)];

    // Every page keeps the first page's grid, so tiles keep their size and place as the board rotates.
    private string GridStyle
    {
        get
        {
            var tiles = Math.Max(1, Math.Min(_watched?.Count ?? 1, _options.WallboardTilesPerPage));
            var columns = tiles switch { <= 3 => tiles, 4 => 2, <= 9 => 3, _ => 4 };
            var rows = (tiles + columns - 1) / columns;
            return $"grid-template-columns: repeat({columns}, minmax(0, 1fr)); grid-template-rows: repeat({rows}, minmax(0, 1fr));";
        }
    }

    private IEnumerable<LiveSnapshot<CampaignProgress>> CampaignSnapshots => _feeds?.Snapshots ?? [];

    /// <summary>The newest successful update of anything on the board (an answer about a missing campaign counts).</summary>
    private DateTimeOffset? LastSuccess => CampaignSnapshots.Select(AnsweredAt).Append(_today.UpdatedAt).Max();

    private static DateTimeOffset? AnsweredAt(LiveSnapshot<CampaignProgress> snapshot) =>
        snapshot.Error is not null && !NoAnswer(snapshot) ? snapshot.CheckedAt : snapshot.UpdatedAt;

    private bool LatestFailed => NoAnswer(_today) || CampaignSnapshots.Any(NoAnswer);

    private WallFreshness Freshness
    {
        get
        {
            var now = Time.GetUtcNow();
            if (LastSuccess is not { } last)
            {
                // No numbers at all and OSVI failing: nothing to wait for, say it at once.
                return LatestFailed ? WallFreshness.Stale : WallFreshness.Waiting;
            }

            if (now - last > _options.StaleAfter)
            {
                return WallFreshness.Stale;
            }

            return LatestFailed ? WallFreshness.Retrying : WallFreshness.Fresh;
        }
    }

    // A 404 for one campaign is an answer about that campaign, not OSVI being away: only failures without a usable
    // answer (unreachable, server errors, rate limits, a rejected token) make the board stale.
    private static bool NoAnswer<T>(LiveSnapshot<T> snapshot) =>
        snapshot.Error is { Kind: not (OsviErrorKind.NotFound or OsviErrorKind.Forbidden or OsviErrorKind.Validation) };

    // The failures behind a stale board, newest first: each feed's latest error that left it without an answer.
    private IEnumerable<(OsviError Error, DateTimeOffset CheckedAt)> Failures =>
        CampaignSnapshots.Where(NoAnswer).Select(snapshot => (Error: snapshot.Error!, CheckedAt: snapshot.CheckedAt!.Value))
            .Concat(NoAnswer(_today) ? [(Error: _today.Error!, CheckedAt: _today.CheckedAt!.Value)] : [])
            .OrderByDescending(failure => failure.CheckedAt);

    // Ops staff read the board from across the room: say what is wrong in their words. A rejected token needs a person
    // and outranks a rate limit, which passes by itself and says when the board asks again.
    private string StaleText
    {
        get
        {
            var since = LastSuccess is { } last ? $"{TimeOfDay(last)} ({CampaignText.Duration(Time.GetUtcNow() - last)} ago)" : null;
            var numbers = since is null ? "There are no numbers to show yet." : $"These numbers are from {since}.";
            var failures = Failures.ToList();
            if (failures.Any(failure => failure.Error.Kind == OsviErrorKind.Unauthorized))
            {
                return $"OSVI rejected the API token — an admin must update it. {numbers}";
            }

            if (failures.FirstOrDefault(failure => failure.Error.Kind == OsviErrorKind.RateLimited) is ({ } limited, var limitedAt))
            {
                var nextTry = limited.RetryAfter is { } wait ? $"next try at {TimeOfDay(limitedAt + wait)}" : "it tries again shortly";
                return $"OSVI is rate-limiting the dashboard; {nextTry}. {numbers}";
            }

            return since is null
                ? "OSVI has not answered since the wallboard opened: there are no numbers to show yet."
                : $"OSVI has not answered since {since}. These numbers are out of date.";
        }
    }

    // The TV's own zone, like every page's "updated" label (the day "Calls today" counts is still the dashboard's).
    private DateTimeOffset ViewerNow => ViewerZone.ToViewer(Time.GetUtcNow());

    private string TimeOfDay(DateTimeOffset instant) => ViewerZone.ToViewer(instant).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    protected override async Task OnInitializedAsync()
    {
        _options = Options.CurrentValue;
        _today = Watch(CallsTodayKey.Instance, snapshot => _today = snapshot);
        _feeds = new CampaignFeeds(Live, InvokeAsync, () =>
        {
            StateHasChanged();
            return Task.CompletedTask;
        });
        _pageShownAt = Time.GetUtcNow();
        await ReloadWatchedAsync();
        _loop = RunAsync(ComponentCancellation);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && await ViewerZone.DetectAsync())
        {
            StateHasChanged();
        }
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        _feeds?.Dispose();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task ReloadWatchedAsync()
    {
        _watched = await Overviews.GetWatchedCampaignsAsync(ComponentCancellation);
        _watchedLoadedAt = Time.GetUtcNow();
        _feeds!.Track(_watched.Select(campaign => campaign.CampaignId));
        _page = Math.Min(_page, PageCount - 1);
    }

    // One timer drives rotation, the stale check (which must fire even when no update arrives) and the list's refresh.
    private async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(s_tick, Time);
        while (await timer.WaitForNextTickAsync(ct))
        {
            await InvokeAsync(async () =>
            {
                try
                {
                    await TickAsync();
                    StateHasChanged();
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    await DispatchExceptionAsync(exception);
                }
            });
        }
    }

    private async Task TickAsync()
    {
        var now = Time.GetUtcNow();
        _options = Options.CurrentValue;
        if (now - _watchedLoadedAt >= s_reloadWatched)
        {
            await ReloadWatchedAsync();
        }

        if (now - _pageShownAt >= _options.WallboardRotation)
        {
            _page = PageCount > 1 ? (_page + 1) % PageCount : 0;
            _pageShownAt = now;
        }
    }
}
