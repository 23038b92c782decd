namespace Osvi.Client;

/// <summary>What kind of failure an OSVI call met; the dashboard shows each kind the same way everywhere.</summary>
public enum OsviErrorKind
{
    /// <summary>No usable answer: OSVI could not be reached, the connection dropped, the request timed out, or the
    /// circuit breaker is holding requests back. For a write the outcome is unknown.</summary>
    Unreachable,

    /// <summary>400 or 422: the request was invalid; see <see cref="OsviError.FieldErrors"/>.</summary>
    Validation,

    /// <summary>401: the API token is missing or invalid (a configuration problem); also a token reloaded into the
    /// configuration that fails validation, in which case nothing was sent and the status is null.</summary>
    Unauthorized,

    /// <summary>403: the resource belongs to another account.</summary>
    Forbidden,

    /// <summary>404.</summary>
    NotFound,

    /// <summary>429: rate limited; see <see cref="OsviError.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>5xx.</summary>
    ServerError,

    /// <summary>A status this contract does not document.</summary>
    Unexpected,
}

/// <summary>One field-level validation message: an item of <c>details</c> (<c>{"field","message"}</c>) or of
/// <c>errors</c> (a string, which names no field).</summary>
/// <param name="Field">The field path, e.g. <c>phone_number</c> or <c>contacts[3].phone</c>; empty when OSVI named none.</param>
/// <param name="Message">OSVI's message for it.</param>
public sealed record OsviFieldError(string Field, string Message);

/// <summary>An OSVI failure in one shape, whatever the body looked like (D1): <c>{error,details}</c>,
/// <c>{errors:[…]}</c>, <c>{message}</c>, HTML or nothing. Built by <see cref="OsviErrors"/>; never holds the token or a
/// presigned URL, so it is safe to show and to log.</summary>
/// <param name="Kind">The category.</param>
/// <param name="StatusCode">The HTTP status, or null when no answer came.</param>
/// <param name="Message">OSVI's own message (<c>error</c>, else <c>errors[0]</c>, else <c>message</c>; one line, at most
/// 500 characters), or a plain sentence when it sent none.</param>
/// <param name="FieldErrors">Field-level messages of a validation error.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> of a 429, when given.</param>
public sealed record OsviError(
    OsviErrorKind Kind,
    int? StatusCode,
    string Message,
    IReadOnlyList<OsviFieldError> FieldErrors,
    TimeSpan? RetryAfter = null);
