using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Osvi.Client;

/// <summary>Turns <see cref="OsviApiOptions"/> into the settings of the standard resilience handler.</summary>
internal static class OsviResilience
{
    private const double CircuitBreakerFailureRatio = 0.5;
    private static readonly TimeSpan s_minimumSamplingDuration = TimeSpan.FromSeconds(30);

    public static void Configure(HttpStandardResilienceOptions resilience, OsviApiOptions options)
    {
        resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
        resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;

        var retry = resilience.Retry;
        retry.BackoffType = DelayBackoffType.Exponential;
        retry.UseJitter = true;
        retry.Delay = options.RetryBaseDelay;
        retry.MaxRetryAttempts = Math.Max(1, options.MaxRetries);
        retry.ShouldRetryAfterHeader = true;
        var maxRetries = options.MaxRetries;
        // Waiting longer than the whole request may take would only end in a timeout instead of a clear RateLimited.
        var maxRetryAfter = options.MaxRetryAfter < options.TotalTimeout ? options.MaxRetryAfter : options.TotalTimeout;
        retry.ShouldHandle = args => ValueTask.FromResult(
            maxRetries > 0 &&
            HttpClientResiliencePredicates.IsTransient(args.Outcome) &&
            !WaitsTooLong(args.Outcome.Result, maxRetryAfter));
        // Wraps the predicate above, so it must come after it: a call, a contact upload, a DND change or a chat command
        // that met a timeout or a 5xx may already have taken effect and is never sent twice.
        retry.DisableForUnsafeHttpMethods();

        var breaker = resilience.CircuitBreaker;
        breaker.FailureRatio = CircuitBreakerFailureRatio;
        breaker.MinimumThroughput = options.CircuitBreakerMinimumThroughput;
        breaker.BreakDuration = options.CircuitBreakerBreakDuration;
        // The handler's own validation requires at least twice the attempt timeout.
        breaker.SamplingDuration = options.AttemptTimeout * 2 > s_minimumSamplingDuration ? options.AttemptTimeout * 2 : s_minimumSamplingDuration;
    }

    /// <summary>A 429 asking for a longer wait than <paramref name="maxRetryAfter"/> goes back to the caller at once
    /// (as <see cref="OsviErrorKind.RateLimited"/> with the wait), instead of holding the request until it times out.</summary>
    private static bool WaitsTooLong(HttpResponseMessage? response, TimeSpan maxRetryAfter) =>
        response is { StatusCode: HttpStatusCode.TooManyRequests } &&
        OsviErrors.ReadRetryAfter(response.Headers.RetryAfter, TimeProvider.System) is { } wait &&
        wait > maxRetryAfter;
}
