using System.Collections.Concurrent;

namespace Osvi.Dashboard.Testing;

/// <summary>One request the dashboard sent to the simulator.</summary>
/// <param name="Method">GET, POST…</param>
/// <param name="PathAndQuery">e.g. <c>/v1/calls?status=picked&amp;per_page=1</c>.</param>
/// <param name="StatusCode">The simulator's answer, or null when none came.</param>
/// <param name="HadToken">True when the <c>API-Token</c> header was present.</param>
public sealed record UpstreamRequest(string Method, string PathAndQuery, int? StatusCode, bool HadToken);

/// <summary>Counts what the dashboard asks upstream, e.g. to prove one poll per interval or no resend after a failure.</summary>
public sealed class UpstreamRecorder
{
    private readonly ConcurrentQueue<UpstreamRequest> _requests = new();

    /// <summary>Every request so far, in order.</summary>
    public IReadOnlyList<UpstreamRequest> Requests => [.. _requests];

    /// <summary>Requests whose path starts with <paramref name="pathPrefix"/>.</summary>
    public int Count(string pathPrefix, string method = "GET") =>
        _requests.Count(r => r.Method == method && r.PathAndQuery.StartsWith(pathPrefix, StringComparison.Ordinal));

    internal void Add(UpstreamRequest request) => _requests.Enqueue(request);
}
