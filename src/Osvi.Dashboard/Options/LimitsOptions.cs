using Osvi.Client;

namespace Osvi.Dashboard.Options;

/// <summary>Size limits of what users send (<c>Dashboard:Limits</c>). Anything larger is refused with a message that
/// says the limit, before any of it goes to OSVI.</summary>
public sealed class LimitsOptions
{
    /// <summary>Largest HTTP request body (form posts, sign-in); a larger one is answered 413 with a plain message.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest message a browser may send over its circuit (SignalR <c>MaximumReceiveMessageSize</c>): typed
    /// and pasted text travels in these, so it must hold <see cref="MaxPastedTextLength"/> characters.</summary>
    public long MaxHubMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>Longest free text sent to OSVI: a chat message, guidance or context entry, a chat input field.</summary>
    public int MaxTextLength { get; set; } = 4000;

    /// <summary>Longest short note kept with a change (a DND reason).</summary>
    public int MaxReasonLength { get; set; } = 500;

    /// <summary>Longest text pasted into a bulk box (DND numbers); larger lists are uploaded as files.</summary>
    public int MaxPastedTextLength { get; set; } = 200_000;

    /// <summary>Largest uploaded file (CSV of numbers or contacts).</summary>
    public long MaxUploadBytes { get; set; } = 2 * 1024 * 1024;
}

/// <summary>The refusals of <see cref="LimitsOptions"/>, in the shared error taxonomy (a <see cref="OsviErrorKind.Validation"/>
/// without an HTTP status: the dashboard refused it, nothing was sent) so the shared error component shows them and the
/// message lands on its field.</summary>
public static class InputLimits
{
    /// <summary>A refusal when <paramref name="value"/> is longer than <paramref name="max"/> characters, else null.</summary>
    /// <param name="field">OSVI's field name, so <c>error.ErrorFor(field)</c> puts the message on its input.</param>
    /// <param name="label">What the user calls the field, e.g. <c>The message</c>.</param>
    /// <param name="value">The text (null passes).</param>
    /// <param name="max">The most characters allowed.</param>
    public static OsviError? TooLong(string field, string label, string? value, int max) =>
        value is not null && value.Length > max
            ? Refusal(field, $"{label} is {value.Length:N0} characters long; the most is {max:N0}. Shorten it and send again — nothing was sent.")
            : null;

    /// <summary>A dashboard-side validation error on one field.</summary>
    public static OsviError Refusal(string field, string message) =>
        new(OsviErrorKind.Validation, null, message, [new OsviFieldError(field, message)]);

    /// <summary>A byte count for messages, e.g. <c>2 MB</c> or <c>512 KB</c>.</summary>
    public static string Size(long bytes) =>
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / 1024 / 1024} MB"
        : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes} bytes";
}
