using Osvi.Client;
using Osvi.Dashboard.Live;

namespace Osvi.Dashboard.Services.Connection;

/// <summary>How the dashboard's link to OSVI is doing.</summary>
public enum ConnectionState
{
    /// <summary>OSVI answered with the configured token.</summary>
    Reachable,

    /// <summary>OSVI answered, but rejected the token (401).</summary>
    TokenRejected,

    /// <summary>OSVI answered with an error (rate limit, server error…).</summary>
    Degraded,

    /// <summary>No answer: network, DNS, timeout or a paused circuit.</summary>
    Unreachable,
}

/// <summary>One probe of OSVI: <c>GET /v1/active_agents</c> with the configured token, timed end to end.</summary>
/// <param name="State">The outcome.</param>
/// <param name="Latency">How long OSVI took to answer (also for error answers); null when it did not answer.</param>
/// <param name="Error">The failure, when not reachable.</param>
public sealed record OsviConnection(ConnectionState State, TimeSpan? Latency, OsviError? Error);

/// <summary>The live feed of OSVI reachability and latency (the app bar shows it on every page).</summary>
public sealed record OsviConnectionKey : LiveKey<OsviConnection>
{
    /// <summary>The only instance.</summary>
    public static OsviConnectionKey Instance { get; } = new();
}

internal sealed class OsviConnectionFetcher(OsviGateway osvi, TimeProvider time) : ILiveFetcher<OsviConnectionKey, OsviConnection>
{
    public const string FeedName = "OsviConnection";

    // The probe never fails as a fetch: being unreachable is this feed's data, not an error.
    public async Task<ServiceResult<OsviConnection>> FetchAsync(OsviConnectionKey key, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var result = await osvi.SendAsync("probe", (api, token) => api.GetActiveAgentsAsync(token), ct);
        var latency = time.GetElapsedTime(started);
        var connection = result.Error switch
        {
            null => new OsviConnection(ConnectionState.Reachable, latency, null),
            { Kind: OsviErrorKind.Unauthorized } error => new OsviConnection(ConnectionState.TokenRejected, latency, error),
            { Kind: OsviErrorKind.Unreachable } error => new OsviConnection(ConnectionState.Unreachable, null, error),
            var error => new OsviConnection(ConnectionState.Degraded, latency, error),
        };
        return ServiceResult<OsviConnection>.Success(connection);
    }
}
