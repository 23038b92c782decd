namespace Osvi.Simulator.Faults;

/// <summary>What a fault does to a matching request.</summary>
public static class FaultKinds
{
    /// <summary>Waits <see cref="FaultRule.LatencyMs"/>, then serves the request normally.</summary>
    public const string Latency = "latency";

    /// <summary>Answers <see cref="FaultRule.StatusCode"/> (500 by default) with a D1 body.</summary>
    public const string Error = "error";

    /// <summary>Answers 429 with <c>Retry-After: </c><see cref="FaultRule.RetryAfterSeconds"/> (D14).</summary>
    public const string RateLimit = "rate_limit";

    /// <summary>Never answers (until the client gives up): a timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>Drops the connection without a response.</summary>
    public const string Abort = "abort";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [Latency, Error, RateLimit, Timeout, Abort];
}

/// <summary>
/// A fault injected into matching requests. <see cref="Route"/> is an endpoint's route template as the request log shows
/// it (e.g. <c>/v1/calls</c>, <c>/v1/call/{id}</c>); <see cref="PathPrefix"/> matches raw paths instead; with neither,
/// every <c>/v1</c> and recording request matches. <see cref="Method"/> null = any method.
/// </summary>
/// <param name="Kind">One of <see cref="FaultKinds"/>.</param>
/// <param name="Method">HTTP method, or null for any.</param>
/// <param name="Route">Route template to match exactly, or null.</param>
/// <param name="PathPrefix">Path prefix to match, or null.</param>
/// <param name="Probability">Chance (0–1) that a matching request is hit (seeded, so runs repeat).</param>
/// <param name="Times">Hit only this many requests, then stop (null = no limit).</param>
/// <param name="LatencyMs">Delay for <see cref="FaultKinds.Latency"/> (also added before other kinds when set).</param>
/// <param name="StatusCode">Status of <see cref="FaultKinds.Error"/> (500 by default).</param>
/// <param name="RetryAfterSeconds">Retry-After of <see cref="FaultKinds.RateLimit"/>.</param>
public sealed record FaultRule(
    string Kind,
    string? Method = null,
    string? Route = null,
    string? PathPrefix = null,
    double Probability = 1.0,
    int? Times = null,
    int LatencyMs = 0,
    int StatusCode = 500,
    int RetryAfterSeconds = 30)
{
    /// <summary>Assigned when the rule is added.</summary>
    public int Id { get; init; }

    /// <summary>How many requests this rule has hit so far.</summary>
    public int Hits { get; init; }

    /// <summary>Null when the rule makes sense, else why not.</summary>
    public string? Validate() =>
        !FaultKinds.All.Contains(Kind) ? $"kind must be one of {string.Join(", ", FaultKinds.All)}"
        : Probability is < 0 or > 1 || double.IsNaN(Probability) ? "probability must be between 0 and 1"
        : Times is < 0 ? "times must not be negative"
        : LatencyMs is < 0 or > 600_000 ? "latency_ms must be between 0 and 600000"
        : StatusCode is < 400 or > 599 ? "status_code must be a 4xx or 5xx status"
        : RetryAfterSeconds is < 0 or > 86_400 ? "retry_after_seconds must be between 0 and 86400"
        : null;

    internal bool Matches(string method, string? route, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (Route is null || string.Equals(Route, route, StringComparison.Ordinal))
        && (PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase));
}
