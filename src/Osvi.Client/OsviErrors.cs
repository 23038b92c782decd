using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace Osvi.Client;

/// <summary>Turns every way an OSVI call can fail into one <see cref="OsviError"/>: an answer with an error status
/// (whatever its body looked like, D1), no answer at all (connection errors, timeouts, an open circuit), or an answer
/// this client could not read. Messages are OSVI's own when it sent one, otherwise plain sentences; they never contain
/// the API token, a presigned URL or a raw response body.</summary>
/// <remarks>
/// <para>A cancelled caller token is not a failure. Refit rethrows the caller's <see cref="OperationCanceledException"/>
/// as it is, and these helpers never turn one into an error: <see cref="TryFromException"/> returns false for it and
/// <see cref="FromException"/> rethrows it. A timeout is not a cancellation: it arrives wrapped in
/// <see cref="ApiRequestException"/> (or as Polly's <see cref="TimeoutRejectedException"/>) and maps to
/// <see cref="OsviErrorKind.Unreachable"/>. So a caller tells the two apart by type alone:</para>
/// <code>
/// try { return Ok(await api.ListCallsAsync(query, ct)); }
/// catch (Exception ex) when (OsviErrors.TryFromException(ex, out var error)) { return Fail(error); }
/// // an OperationCanceledException (the caller's token) and programming errors propagate untouched
/// </code>
/// <para>An <see cref="OsviErrorKind.Unreachable"/> error on a POST or DELETE means the outcome is unknown: the
/// request may have reached OSVI before the connection failed or the timeout fired. Such requests are never retried
/// automatically.</para>
/// </remarks>
public static class OsviErrors
{
    private const int MaxMessageLength = 500;

    /// <summary>The <see cref="OsviError"/> of an OSVI failure. Anything else — a cancellation of the caller's token,
    /// a programming error — is rethrown unchanged (stack trace preserved), so
    /// <c>catch (Exception ex) { return Fail(OsviErrors.FromException(ex)); }</c> never swallows a cancellation.</summary>
    /// <param name="exception">What an <see cref="IOsviApi"/> call threw.</param>
    /// <returns>The error.</returns>
    public static OsviError FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (TryFromException(exception, out var error))
        {
            return error;
        }

        ExceptionDispatchInfo.Throw(exception);
        throw new UnreachableException();
    }

    /// <summary>Maps an exception thrown by an <see cref="IOsviApi"/> call. False for a cancellation of the caller's
    /// token and for exceptions that are not OSVI failures (bugs), which should propagate.</summary>
    /// <param name="exception">What the call threw.</param>
    /// <param name="error">The error, when this returns true.</param>
    /// <returns>True when <paramref name="exception"/> is an OSVI failure.</returns>
    public static bool TryFromException(Exception exception, [NotNullWhen(true)] out OsviError? error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        error = exception switch
        {
            ApiException api => FromApiException(api),
            ApiRequestException { InnerException: OptionsValidationException invalid } => Misconfigured(invalid),
            OptionsValidationException invalid => Misconfigured(invalid),
            ApiRequestException request => Unreachable(request.InnerException ?? request),
            _ when IsTransportFailure(exception) => Unreachable(exception),
            _ => null,
        };
        return error is not null;
    }

    /// <summary>The error of an <see cref="IApiResponse"/> (the methods where a non-2xx answer is an expected outcome,
    /// e.g. 404 on a recording, 422 or 201 on a DND add); null when the response is a success.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The error, or null for a successful response.</returns>
    public static OsviError? FromResponse(IApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Error is { } failure)
        {
            return TryFromException(failure, out var error)
                ? error
                : new OsviError(OsviErrorKind.Unexpected, null, "The OSVI request failed unexpectedly.", []);
        }

        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        return response.StatusCode is { } status
            ? FromStatus(status, content: null, response.Headers?.RetryAfter)
            : Unreachable(cause: null);
    }

    /// <summary>The wait a <c>Retry-After</c> header asks for (seconds, or an HTTP date relative to now).</summary>
    internal static TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? retryAfter, TimeProvider time) => retryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static OsviError FromApiException(ApiException api)
    {
        var status = (int)api.StatusCode;
        if (status is >= 200 and < 300)
        {
            // Refit reports a 2xx body it could not deserialise as an ApiException with the success status.
            return new OsviError(OsviErrorKind.Unexpected, status,
                $"OSVI sent a response this client could not read (HTTP {status}).", []);
        }

        return FromStatus(api.StatusCode, api.Content, api.Headers?.RetryAfter);
    }

    private static OsviError FromStatus(HttpStatusCode statusCode, string? content, RetryConditionHeaderValue? retryAfterHeader)
    {
        var status = (int)statusCode;
        var kind = status switch
        {
            400 or 422 => OsviErrorKind.Validation,
            401 => OsviErrorKind.Unauthorized,
            403 => OsviErrorKind.Forbidden,
            404 => OsviErrorKind.NotFound,
            429 => OsviErrorKind.RateLimited,
            >= 500 and <= 599 => OsviErrorKind.ServerError,
            _ => OsviErrorKind.Unexpected,
        };
        var retryAfter = ReadRetryAfter(retryAfterHeader, TimeProvider.System);
        var body = OsviErrorBody.Parse(content);
        var message = Clean(body.Message) ?? DefaultMessage(kind, status, retryAfter);
        IReadOnlyList<OsviFieldError> fieldErrors = [.. body.FieldErrors.Select(f => new OsviFieldError(Clean(f.Field) ?? "", Clean(f.Message) ?? ""))];
        return new OsviError(kind, status, message, fieldErrors, retryAfter);
    }

    private static string DefaultMessage(OsviErrorKind kind, int status, TimeSpan? retryAfter) => kind switch
    {
        OsviErrorKind.Validation => "OSVI rejected the request as invalid.",
        OsviErrorKind.Unauthorized => $"OSVI rejected the API token; check {OsviApiOptions.ApiTokenKey}.",
        OsviErrorKind.Forbidden => "OSVI refused access: it belongs to another account.",
        OsviErrorKind.NotFound => "OSVI has no such item.",
        OsviErrorKind.RateLimited when retryAfter is { } wait =>
            $"OSVI is rate limiting requests; try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s.",
        OsviErrorKind.RateLimited => "OSVI is rate limiting requests; try again shortly.",
        OsviErrorKind.ServerError => $"OSVI had an internal error (HTTP {status}); try again later.",
        _ => $"OSVI answered with an unexpected HTTP {status}.",
    };

    private static bool IsTransportFailure(Exception exception) => exception switch
    {
        // HttpClient.Timeout surfaces as a TaskCanceledException around a TimeoutException; a bare cancellation is the caller's.
        OperationCanceledException cancelled => cancelled.InnerException is TimeoutException,
        HttpRequestException or ExecutionRejectedException or TimeoutException or IOException or SocketException => true,
        _ => false,
    };

    /// <summary>True when the circuit breaker held the request back (the exception or one it wraps is Polly's
    /// <see cref="BrokenCircuitException"/>): nothing reached OSVI, so the failure says nothing new about OSVI.</summary>
    /// <param name="exception">What an <see cref="IOsviApi"/> call threw.</param>
    /// <returns>True when the request was never sent because the breaker is open or held open.</returns>
    public static bool IsHeldBackByBreaker(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return OpenBreakerIn(exception) is not null;
    }

    private static BrokenCircuitException? OpenBreakerIn(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BrokenCircuitException broken)
            {
                return broken;
            }
        }

        return null;
    }

    /// <summary>The options were reloaded with an invalid value after start-up (start-up itself refuses them): nothing
    /// was sent. The validator's messages name the keys and never echo the token.</summary>
    private static OsviError Misconfigured(OptionsValidationException invalid) =>
        new(OsviErrorKind.Unauthorized, null, Clean(string.Join(" ", invalid.Failures)) ?? $"Check {OsviApiOptions.SectionName}.", []);

    private static OsviError Unreachable(Exception? cause)
    {
        if (OpenBreakerIn(cause) is { } broken)
        {
            // Nothing was sent: the breaker says when it lets a request through again, so a poller can come back then.
            return new OsviError(OsviErrorKind.Unreachable, null, "OSVI keeps failing; requests are paused for a few seconds to let it recover.", [], broken.RetryAfter);
        }

        for (var current = cause; current is not null; current = current.InnerException)
        {
            var message = current switch
            {
                TimeoutRejectedException or TimeoutException => "OSVI did not answer in time.",
                ExecutionRejectedException => "Too many requests to OSVI are in flight; try again shortly.",
                _ => null,
            };
            if (message is not null)
            {
                return new OsviError(OsviErrorKind.Unreachable, null, message, []);
            }
        }

        return new OsviError(OsviErrorKind.Unreachable, null, "OSVI could not be reached.", []);
    }

    /// <summary>One line of at most <see cref="MaxMessageLength"/> characters, URL queries scrubbed.</summary>
    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        oneLine = new string([.. oneLine.Select(c => char.IsControl(c) ? ' ' : c)]);
        oneLine = OsviRedaction.Scrub(oneLine, token: null)!;
        return oneLine.Length <= MaxMessageLength ? oneLine : string.Concat(oneLine.AsSpan(0, MaxMessageLength), "…");
    }
}
