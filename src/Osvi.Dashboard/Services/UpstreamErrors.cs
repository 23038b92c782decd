using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Osvi.Client;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace Osvi.Dashboard.Services;

/// <summary>Translates what the OSVI client throws into the shared <see cref="OsviError"/> taxonomy, whatever shape the
/// error body had (contract D1). Internal stand-in until <c>Osvi.Client</c> ships <c>OsviErrors.FromException</c>;
/// then this folds into it.</summary>
public static class UpstreamErrors
{
    private const int MaxMessageLength = 500;

    /// <summary>Maps an exception an <see cref="IOsviApi"/> call threw; false for anything that is not an upstream
    /// failure (a bug, which must surface as such). The caller handles its own cancellation before calling this.</summary>
    public static bool TryFromException(Exception exception, [NotNullWhen(true)] out OsviError? error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        error = FromException(exception);
        return error is not null;
    }

    /// <summary>The taxonomy entry for <paramref name="exception"/>, or null when it is not an upstream failure.</summary>
    public static OsviError? FromException(Exception exception, TimeProvider? time = null) => exception switch
    {
        ApiException api => FromResponse(api.StatusCode, api.Content, api.Headers, time),
        ApiRequestException request => Unreachable(Describe(request.InnerException ?? request)),
        HttpRequestException http => Unreachable(Describe(http)),
        TimeoutRejectedException timeout => Unreachable($"OSVI did not answer within {timeout.Timeout.TotalSeconds:0.#} s."),
        BrokenCircuitException => Unreachable("Requests to OSVI are paused for a moment after repeated failures."),
        OperationCanceledException => Unreachable("OSVI did not answer in time."),
        _ => null,
    };

    /// <summary>The taxonomy entry for a non-2xx answer.</summary>
    public static OsviError FromResponse(HttpStatusCode status, string? body, HttpResponseHeaders? headers = null, TimeProvider? time = null)
    {
        var code = (int)status;
        var kind = code switch
        {
            400 or 422 => OsviErrorKind.Validation,
            401 => OsviErrorKind.Unauthorized,
            403 => OsviErrorKind.Forbidden,
            404 => OsviErrorKind.NotFound,
            429 => OsviErrorKind.RateLimited,
            >= 500 => OsviErrorKind.ServerError,
            _ => OsviErrorKind.Unexpected,
        };
        var (message, fields) = ReadBody(body);
        return new OsviError(kind, code, Truncate(message ?? DefaultMessage(kind, code)), fields, RetryAfter(headers, time));
    }

    /// <summary>True when the error's message is the dashboard's default for its status, not OSVI's own words.</summary>
    public static bool IsDefaultMessage(OsviError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.StatusCode is { } code && error.Message == DefaultMessage(error.Kind, code);
    }

    private static OsviError Unreachable(string message) => new(OsviErrorKind.Unreachable, null, Truncate(message), []);

    private static string Describe(Exception exception) =>
        exception.InnerException is { } inner && !string.IsNullOrWhiteSpace(inner.Message)
            ? $"OSVI could not be reached: {inner.Message}"
            : $"OSVI could not be reached: {exception.Message}";

    private static string DefaultMessage(OsviErrorKind kind, int code) => kind switch
    {
        OsviErrorKind.Validation => "OSVI rejected the request as invalid.",
        OsviErrorKind.Unauthorized => "OSVI rejected the API token.",
        OsviErrorKind.Forbidden => "OSVI refused: this belongs to another account.",
        OsviErrorKind.NotFound => "OSVI could not find it.",
        OsviErrorKind.RateLimited => "OSVI is limiting the rate of requests.",
        OsviErrorKind.ServerError => $"OSVI had an internal error (HTTP {code}).",
        _ => $"OSVI answered with HTTP {code}.",
    };

    // D1: {"error":"…","details":[{field,message}]}, {"errors":["…"]}, {"message":"…"}, HTML or nothing.
    private static (string? Message, IReadOnlyList<OsviFieldError> Fields) ReadBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] is not ('{' or '['))
        {
            return (null, []);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, []);
            }

            var root = document.RootElement;
            List<OsviFieldError> fields = [];
            if (root.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in details.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object &&
                        item.TryGetProperty("field", out var field) && field.ValueKind == JsonValueKind.String &&
                        item.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String)
                    {
                        fields.Add(new OsviFieldError(field.GetString()!, Truncate(text.GetString()!)));
                    }
                }
            }

            string? message = null;
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                message = error.GetString();
            }
            else if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var texts = errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()).ToArray();
                message = texts.Length > 0 ? string.Join("; ", texts) : null;
            }
            else if (root.TryGetProperty("message", out var plain) && plain.ValueKind == JsonValueKind.String)
            {
                message = plain.GetString();
            }

            return (string.IsNullOrWhiteSpace(message) ? null : message, fields);
        }
        catch (JsonException)
        {
            return (null, []);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseHeaders? headers, TimeProvider? time)
    {
        var retryAfter = headers?.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - (time ?? TimeProvider.System).GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static string Truncate(string text) => text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "…";
}
