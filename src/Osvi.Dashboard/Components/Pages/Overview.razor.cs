using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Connection;
using Osvi.Dashboard.Services.Overview;
using Osvi.Dashboard.Theme;

namespace Osvi.Dashboard.Components.Pages;

/// <summary>Today at a glance: calls by status, active agents, OSVI's health and watched campaigns, all refreshed by the
/// shared poller (one upstream poll however many browsers show this page).</summary>
public sealed partial class Overview
{
    private const int MaxAgentsShown = 8;

    private LiveSnapshot<CallCounts> _calls = LiveSnapshot<CallCounts>.Pending;
    private LiveSnapshot<IReadOnlyList<AgentView>> _agents = LiveSnapshot<IReadOnlyList<AgentView>>.Pending;
    private LiveSnapshot<OsviConnection> _connection = LiveSnapshot<OsviConnection>.Pending;
    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];
    private readonly DonutChartOptions _chartOptions = new() { ShowLegend = false, ShowToolTips = true };

    [Inject]
    public required DashboardClock Clock { get; init; }

    private CallCounts? Counts => _calls.Value;

    private string Subtitle => $"Today, {Clock.Today.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)} ({Clock.ZoneLabel}) · refreshes on its own";

    private string? CallsCaption => Counts is null ? ErrorCaption(_calls) : Counts.InProgress > 0 ? $"{Format(Counts.InProgress)} in progress" : "By the time OSVI dialled them";

    private string? PickupCaption => Counts is null ? ErrorCaption(_calls) : Counts.PickupRate is { } rate ? $"{Percent(rate)} pickup rate" : "No finished calls yet";

    private OsviConnection? Connection => _connection.Error is { } error ? new OsviConnection(ConnectionState.Degraded, null, error) : _connection.Value;

    private string ConnectionValue => Connection switch
    {
        { State: ConnectionState.Reachable, Latency: { } latency } => $"{latency.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms",
        { State: ConnectionState.TokenRejected } => "Token rejected",
        { State: ConnectionState.Degraded, Error: { } error } => Components.Controls.OsviErrorText.ShortTitle(error),
        { State: ConnectionState.Unreachable } => "Unreachable",
        _ => "—",
    };

    private string ConnectionCaption => Connection switch
    {
        { State: ConnectionState.Reachable } => "Reachable with the configured token",
        { Error: { } error } => Components.Controls.OsviErrorText.Describe(error).Title,
        _ => "Checking…",
    };

    private string ConnectionAccent => Connection?.State switch
    {
        ConnectionState.Reachable => "#16A34A",
        ConnectionState.Degraded => "#D97706",
        null => "var(--mud-palette-primary)",
        _ => "#DC2626",
    };

    private IEnumerable<(CallStatus Status, CallStatusStyle Style, int Count, double Share)> StatusRows =>
        Counts is null ? [] : CallStatusStyle.DisplayOrder.Select(status =>
            (status, CallStatusStyle.Of(status), Counts.Count(status), Counts.Total == 0 ? 0 : (double)Counts.Count(status) / Counts.Total));

    private string ChartDescription => Counts is null ? "" :
        "Today's calls by status: " + string.Join(", ", StatusRows.Select(row => $"{row.Style.Label} {row.Count}"));

    protected override void OnInitialized()
    {
        _connection = Watch(Services.Connection.OsviConnectionKey.Instance, snapshot => _connection = snapshot);
        _agents = Watch(ActiveAgentsKey.Instance, snapshot => _agents = snapshot);
        _calls = Watch(CallsTodayKey.Instance, snapshot =>
        {
            _calls = snapshot;
            BuildChart();
        });
        BuildChart();
    }

    private void RefreshCalls() => Live.RequestRefresh(CallsTodayKey.Instance);

    private void RefreshAgents() => Live.RequestRefresh(ActiveAgentsKey.Instance);

    private void BuildChart()
    {
        if (Counts is null)
        {
            return;
        }

        var rows = StatusRows.Where(row => row.Count > 0).ToArray();
        _labels = [.. rows.Select(row => row.Style.Label)];
        _series = [new ChartSeries<double> { Name = "Calls", Data = new ChartData<double>([.. rows.Select(row => (double)row.Count)]) }];
        _chartOptions.ChartPalette = [.. rows.Select(row => row.Style.Color)];
    }

    private static string? ErrorCaption<T>(LiveSnapshot<T> snapshot) =>
        snapshot.Error is { } error ? Components.Controls.OsviErrorText.Describe(error).Title : null;

    private static string Format(int? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "—";

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Initials(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => "?",
            1 => parts[0][..Math.Min(2, parts[0].Length)].ToUpperInvariant(),
            _ => $"{char.ToUpperInvariant(parts[0][0])}{char.ToUpperInvariant(parts[1][0])}",
        };
    }
}
