using Microsoft.Extensions.Options;

namespace Osvi.Client;

/// <summary>Validates <see cref="OsviApiOptions"/> at start-up with messages that name the configuration key, so a
/// missing token stops the host with a line that says what to set. It also rejects combinations the resilience
/// pipeline would refuse later, on the first request, with a less helpful message.</summary>
public sealed class OsviApiOptionsValidator : IValidateOptions<OsviApiOptions>
{
    private static readonly TimeSpan s_minimumTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_maximumAttemptTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_maximumTotalTimeout = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_minimumBreakDuration = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_maximumBreakDuration = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OsviApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];

        if (options.BaseUrl is not { IsAbsoluteUri: true } baseUrl ||
            (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{OsviApiOptions.BaseUrlKey} must be an absolute http(s) URL, e.g. https://api.osvi.ai.");
        }

        var token = options.ApiToken?.Trim() ?? "";
        if (token.Length != OsviApiOptions.TokenLength)
        {
            // The length of a wrong value helps (a pasted newline, a truncated copy); the value itself is never echoed.
            var found = token.Length == 0 ? "it is empty" : $"the configured value has {token.Length}";
            failures.Add($"{OsviApiOptions.ApiTokenKey} is required ({OsviApiOptions.TokenLength} characters); {found}. " +
                         "Find it in the OSVI dashboard under Settings → API and set it with the environment variable " +
                         "OsviApi__ApiToken, user-secrets or a secret file; never in a committed appsettings file.");
        }

        if (options.AttemptTimeout < s_minimumTimeout || options.AttemptTimeout > s_maximumAttemptTimeout)
        {
            failures.Add($"{OsviApiOptions.AttemptTimeoutKey} must be between 10 ms and 10 minutes.");
        }

        if (options.TotalTimeout < options.AttemptTimeout || options.TotalTimeout > s_maximumTotalTimeout)
        {
            failures.Add($"{OsviApiOptions.TotalTimeoutKey} must be at least {OsviApiOptions.AttemptTimeoutKey} and at most 1 hour.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{OsviApiOptions.MaxRetriesKey} must be between 0 and 10.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{OsviApiOptions.RetryBaseDelayKey} must be between 0 and 1 minute.");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"{OsviApiOptions.MaxRetryAfterKey} must not be negative.");
        }

        if (options.CircuitBreakerMinimumThroughput < 2)
        {
            failures.Add($"{OsviApiOptions.CircuitBreakerMinimumThroughputKey} must be at least 2.");
        }

        if (options.CircuitBreakerBreakDuration < s_minimumBreakDuration || options.CircuitBreakerBreakDuration > s_maximumBreakDuration)
        {
            failures.Add($"{OsviApiOptions.CircuitBreakerBreakDurationKey} must be between 0.5 seconds and 1 hour.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
