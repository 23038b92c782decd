using System.Globalization;
using MudBlazor;
using Osvi.Client;

namespace Osvi.Dashboard.Components.Controls;

/// <summary>How an <see cref="OsviError"/> reads in the UI: what happened, OSVI's own message, what to do.</summary>
/// <param name="Title">What happened, e.g. "OSVI could not be reached".</param>
/// <param name="OsviMessage">OSVI's answer (its own message, or the client's description of its status), when it answered.</param>
/// <param name="Detail">The description of a failure without an answer (network, timeout, a dashboard fault).</param>
/// <param name="Advice">What to do.</param>
/// <param name="Severity">How it is coloured.</param>
public sealed record ErrorDescription(string Title, string? OsviMessage, string? Detail, string Advice, Severity Severity);

/// <summary>Texts for the error taxonomy, shared by <see cref="OsviErrorAlert"/>, snackbars and tooltips.</summary>
public static class OsviErrorText
{
    /// <summary>Describes an error for people.</summary>
    public static ErrorDescription Describe(OsviError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var fromOsvi = error.StatusCode is not null;
        var osviMessage = fromOsvi ? error.Message : null;
        var detail = fromOsvi ? null : error.Message;
        return error.Kind switch
        {
            OsviErrorKind.Unreachable => new("OSVI could not be reached", null, detail,
                "Check the network between the dashboard and OSVI (OsviApi:BaseUrl). The dashboard keeps trying; this clears by itself once OSVI answers.", Severity.Warning),
            OsviErrorKind.Unauthorized => new("OSVI rejected the API token", osviMessage, detail,
                "An administrator must set a valid token in OsviApi:ApiToken (environment variable OsviApi__ApiToken or a secret file) and restart the dashboard.", Severity.Error),
            OsviErrorKind.Forbidden => new("OSVI refused access", osviMessage, detail,
                "It belongs to another OSVI account than the dashboard's token. Check the id.", Severity.Error),
            OsviErrorKind.NotFound => new("Not found at OSVI", osviMessage, detail,
                "Check the id: it may be mistyped, deleted, or belong to another account.", Severity.Warning),
            OsviErrorKind.Validation when !fromOsvi => new("The input is not accepted", null, detail,
                "Correct it and send again; nothing was sent to OSVI.", Severity.Warning),
            OsviErrorKind.Validation => new("OSVI rejected the input", osviMessage, detail,
                "Correct the fields and send again; nothing was changed.", Severity.Warning),
            OsviErrorKind.RateLimited => new("OSVI is limiting requests", osviMessage, detail,
                error.RetryAfter is { } wait ? $"Wait {FormatWait(wait)} and try again." : "Wait a moment and try again.", Severity.Warning),
            OsviErrorKind.ServerError => new("OSVI had an internal error", osviMessage, detail,
                "Try again in a moment. If it keeps happening, check OSVI's status.", Severity.Error),
            _ when error.StatusCode is null => new("Something went wrong in the dashboard", null, detail,
                "Try again. If it keeps happening, the dashboard's log has the details.", Severity.Error),
            _ => new("OSVI answered unexpectedly", osviMessage, detail,
                "Try again. If it keeps happening, the dashboard's log has the details.", Severity.Error),
        };
    }

    /// <summary>A two- or three-word label, e.g. for the app bar.</summary>
    public static string ShortTitle(OsviError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            OsviErrorKind.Unreachable => "unreachable",
            OsviErrorKind.Unauthorized => "token rejected",
            OsviErrorKind.RateLimited => "rate limited",
            OsviErrorKind.ServerError => "server error",
            OsviErrorKind.Forbidden => "forbidden",
            OsviErrorKind.NotFound => "not found",
            OsviErrorKind.Validation => "rejected input",
            _ when error.StatusCode is null => "dashboard error",
            _ => "unexpected answer",
        };
    }

    /// <summary>The field-level message for a form field (<c>phone_number</c>, or a row such as <c>contacts[3].phone</c>).</summary>
    public static string? ErrorFor(this OsviError? error, string field)
    {
        if (error is null)
        {
            return null;
        }

        var messages = error.FieldErrors
            .Where(f => f.Field == field || f.Field.StartsWith(field + ".", StringComparison.Ordinal) || f.Field.StartsWith(field + "[", StringComparison.Ordinal))
            .Select(f => f.Message)
            .ToArray();
        return messages.Length == 0 ? null : string.Join(" ", messages);
    }

    private static string FormatWait(TimeSpan wait) => wait.TotalSeconds < 90
        ? $"{Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s"
        : $"{Math.Ceiling(wait.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min";
}
