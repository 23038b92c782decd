namespace Osvi.Client;

/// <summary>Configuration of the OSVI client, bound from the <c>OsviApi</c> section.</summary>
/// <remarks>Only <see cref="BaseUrl"/> and <see cref="ApiToken"/> normally need setting; the rest tune the HTTP pipeline
/// (timeouts, GET retries, circuit breaker) and have production defaults. Every value is checked at start-up by
/// <see cref="OsviApiOptionsValidator"/>, with messages that name the configuration key.</remarks>
public sealed class OsviApiOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "OsviApi";

    /// <summary>Configuration key of <see cref="BaseUrl"/>.</summary>
    public const string BaseUrlKey = SectionName + ":" + nameof(BaseUrl);

    /// <summary>Configuration key of <see cref="ApiToken"/>.</summary>
    public const string ApiTokenKey = SectionName + ":" + nameof(ApiToken);

    /// <summary>Configuration key of <see cref="AttemptTimeout"/>.</summary>
    public const string AttemptTimeoutKey = SectionName + ":" + nameof(AttemptTimeout);

    /// <summary>Configuration key of <see cref="TotalTimeout"/>.</summary>
    public const string TotalTimeoutKey = SectionName + ":" + nameof(TotalTimeout);

    /// <summary>Configuration key of <see cref="MaxRetries"/>.</summary>
    public const string MaxRetriesKey = SectionName + ":" + nameof(MaxRetries);

    /// <summary>Configuration key of <see cref="RetryBaseDelay"/>.</summary>
    public const string RetryBaseDelayKey = SectionName + ":" + nameof(RetryBaseDelay);

    /// <summary>Configuration key of <see cref="MaxRetryAfter"/>.</summary>
    public const string MaxRetryAfterKey = SectionName + ":" + nameof(MaxRetryAfter);

    /// <summary>Configuration key of <see cref="CircuitBreakerMinimumThroughput"/>.</summary>
    public const string CircuitBreakerMinimumThroughputKey = SectionName + ":" + nameof(CircuitBreakerMinimumThroughput);

    /// <summary>Configuration key of <see cref="CircuitBreakerBreakDuration"/>.</summary>
    public const string CircuitBreakerBreakDurationKey = SectionName + ":" + nameof(CircuitBreakerBreakDuration);

    /// <summary>The HTTP header that carries the token on every request (added by the client's pipeline only).</summary>
    public const string ApiTokenHeaderName = "API-Token";

    /// <summary>The documented length of an OSVI API token.</summary>
    public const int TokenLength = 16;

    /// <summary>The API root, <c>https://api.osvi.ai</c> by default.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.osvi.ai");

    /// <summary>The account's 16-character API token. Secret: only ever read by the client's HTTP pipeline, and never
    /// shown by <see cref="ToString"/>.</summary>
    public string ApiToken { get; set; } = "";

    /// <summary>Timeout of one attempt (10 s by default).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of a whole request, retries and their delays included (30 s by default).</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Maximum retries of a GET that met a transient failure (3 by default; 0 turns retries off). Requests that
    /// change something (POST, DELETE) are never retried.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First delay of the exponential backoff between GET retries, before jitter (1 s by default).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest <c>Retry-After</c> of a 429 on a GET that is waited out by retrying (10 s by default, never
    /// more than <see cref="TotalTimeout"/>); a longer one is returned to the caller at once as <see cref="OsviErrorKind.RateLimited"/> with its
    /// <see cref="OsviError.RetryAfter"/>.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests in the 30 s sampling window before the circuit breaker may open (10 by default). It opens when
    /// at least half of them failed transiently (5xx, 408, 429, timeouts, connection errors).</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>How long an open circuit rejects requests without sending them (5 s by default: shorter than the
    /// dashboard's refresh interval, so live views recover within one interval after OSVI does).</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public override string ToString() =>
        $"OsviApiOptions {{ BaseUrl = {BaseUrl}, ApiToken = {(string.IsNullOrEmpty(ApiToken) ? "(empty)" : "(redacted)")} }}";
}
