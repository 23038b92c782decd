using System.Globalization;
using Microsoft.AspNetCore.Components;
using Osvi.Dashboard.Components.Controls;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Services.Connection;

namespace Osvi.Dashboard.Components.Shell;

/// <summary>OSVI's reachability and latency in the app bar, from the shared connection feed.</summary>
public sealed partial class ConnectionIndicator
{
    private LiveSnapshot<OsviConnection> _snapshot = LiveSnapshot<OsviConnection>.Pending;

    [Inject]
    public required IViewerTimeZone ViewerZone { get; init; }

    // A probe that could not even run (a dashboard fault) still says something is wrong, never "checking" forever.
    private OsviConnection? Connection => _snapshot.Error is { } error
        ? new OsviConnection(ConnectionState.Degraded, null, error)
        : _snapshot.Value;

    private string StateClass => Connection?.State switch
    {
        null => "checking",
        ConnectionState.Reachable => "reachable",
        ConnectionState.TokenRejected => "token-rejected",
        ConnectionState.Degraded => "degraded",
        _ => "unreachable",
    };

    private string Text => Connection switch
    {
        null => "Checking OSVI…",
        { State: ConnectionState.Reachable, Latency: { } latency } => $"OSVI · {FormatLatency(latency)}",
        { State: ConnectionState.TokenRejected } => "OSVI · token rejected",
        { State: ConnectionState.Degraded, Error: { } error } => $"OSVI · {OsviErrorText.ShortTitle(error)}",
        _ => "OSVI unreachable",
    };

    private string Detail
    {
        get
        {
            if (_snapshot.CheckedAt is not { } checkedAt)
            {
                return "Contacting OSVI…";
            }

            var at = $"{ViewerZone.ToViewer(checkedAt).ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {ViewerZone.Zone.Id}";
            return Connection?.Error is { } error
                ? $"{OsviErrorText.Describe(error).Title} (checked {at}). {error.Message}"
                : $"OSVI answered with the configured token (checked {at}).";
        }
    }

    protected override void OnInitialized() =>
        _snapshot = Watch(OsviConnectionKey.Instance, snapshot => _snapshot = snapshot);

    private static string FormatLatency(TimeSpan latency) =>
        latency.TotalMilliseconds < 1000
            ? $"{latency.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
            : $"{latency.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
}
