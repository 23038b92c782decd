using Osvi.Client;
using Osvi.Dashboard.Security;

namespace Osvi.Dashboard.Services;

/// <summary>The one place dashboard services call OSVI through: it runs an <see cref="IOsviApi"/> call, turns every
/// upstream failure into a <see cref="ServiceResult{T}"/> with an <see cref="OsviError"/> (<see cref="OsviErrors"/>), scrubs secrets from OSVI's
/// messages, and logs a rejected token (401) loudly once. A cancelled <c>ct</c> passes through as
/// <see cref="OperationCanceledException"/>. It never retries: retries of GETs live in the HTTP pipeline.</summary>
public sealed partial class OsviGateway(IOsviApi api, OsviAuthAlarm alarm, SecretRedactor redactor, ILogger<OsviGateway> logger,
    OsviRateLimitMemory? rateLimits = null)
{
    private readonly OsviRateLimitMemory _rateLimits = rateLimits ?? new();

    /// <summary>Runs one OSVI call.</summary>
    /// <param name="operation">A short name for logs, e.g. <c>list active agents</c>.</param>
    /// <param name="call">The call; pass the given token on to Refit.</param>
    /// <param name="ct">Cancels the call (then <see cref="OperationCanceledException"/> is thrown, not a result).</param>
    public async Task<ServiceResult<T>> SendAsync<T>(string operation, Func<IOsviApi, CancellationToken, Task<T>> call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            var value = await call(api, ct);
            alarm.Clear();
            _rateLimits.Answered(null);
            return ServiceResult<T>.Success(value);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (OsviErrors.TryFromException(exception, out var error))
        {
            // The circuit breaker held the request back: nothing was sent, so OSVI's latest answer says why.
            if (OsviErrors.IsHeldBackByBreaker(exception))
            {
                error = _rateLimits.Explain(error);
            }
            else
            {
                _rateLimits.Answered(error);
            }

            return ServiceResult<T>.Failed(Report(operation, error));
        }
    }

    /// <summary>Runs one OSVI call and maps its wire value to the dashboard's model.</summary>
    public async Task<ServiceResult<TOut>> SendAsync<T, TOut>(string operation, Func<IOsviApi, CancellationToken, Task<T>> call, Func<T, TOut> map, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(map);
        var result = await SendAsync(operation, call, ct);
        return result.Map(map);
    }

    /// <summary>The taxonomy entry for a non-2xx <see cref="Refit.IApiResponse"/> a caller inspected itself (the
    /// methods where such an answer is an expected outcome, e.g. 404 on a recording); null for a success. Scrubbed and
    /// logged like <see cref="SendAsync{T}"/>.</summary>
    public OsviError? Translate(string operation, Refit.IApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var error = OsviErrors.FromResponse(response);
        _rateLimits.Answered(error);
        return error is null ? null : Report(operation, error);
    }

    private OsviError Report(string operation, OsviError error)
    {
        error = error with { Message = redactor.Redact(error.Message), FieldErrors = [.. error.FieldErrors.Select(f => f with { Message = redactor.Redact(f.Message) })] };
        if (error.Kind == OsviErrorKind.Unauthorized && alarm.Raise())
        {
            LogTokenRejected(logger, operation, OsviApiOptions.ApiTokenKey);
        }
        else
        {
            LogFailed(logger, operation, error.Kind, error.StatusCode, error.Message);
        }

        return error;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "OSVI rejected the API token (401) during {Operation}. Check {ConfigKey} " +
        "(environment variable OsviApi__ApiToken or a secret file) and restart the dashboard. Further 401s are logged at debug level until a request succeeds.")]
    private static partial void LogTokenRejected(ILogger logger, string operation, string configKey);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OSVI {Operation} failed: {Kind} (HTTP {StatusCode}): {Message}")]
    private static partial void LogFailed(ILogger logger, string operation, OsviErrorKind kind, int? statusCode, string message);
}

/// <summary>Remembers OSVI's latest 429 until OSVI answers otherwise or cannot be reached. A run of 429s opens the circuit
/// breaker, which then holds requests back; those failures are still OSVI's rate limit (with its wait), not an
/// unreachable OSVI, and say so.</summary>
public sealed class OsviRateLimitMemory
{
    private OsviError? _limited;

    /// <summary>Notes the outcome of a request that was sent (null: success).</summary>
    public void Answered(OsviError? error) => Volatile.Write(ref _limited, error is { Kind: OsviErrorKind.RateLimited } ? error : null);

    /// <summary>The failure of a request the circuit breaker held back: the remembered rate limit, else <paramref name="error"/>.</summary>
    public OsviError Explain(OsviError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Volatile.Read(ref _limited) is { } limited
            ? new OsviError(OsviErrorKind.RateLimited, null, "OSVI is rate limiting the dashboard; its requests are paused for a few seconds to let the limit pass.", [], limited.RetryAfter)
            : error;
    }
}

/// <summary>Remembers that a 401 has been reported, so a bad token is logged loudly once, not on every poll.</summary>
public sealed class OsviAuthAlarm
{
    private int _raised;

    /// <summary>True while the last OSVI answer was a 401.</summary>
    public bool IsRaised => Volatile.Read(ref _raised) == 1;

    /// <summary>Raises the alarm; true only for the first 401 since the last success.</summary>
    public bool Raise() => Interlocked.Exchange(ref _raised, 1) == 0;

    /// <summary>A request succeeded: the next 401 is reported loudly again.</summary>
    public void Clear() => Volatile.Write(ref _raised, 0);
}
