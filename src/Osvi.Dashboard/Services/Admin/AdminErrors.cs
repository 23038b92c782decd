using Osvi.Client;

namespace Osvi.Dashboard.Services.Admin;

/// <summary>The dashboard's own refusals of an administrative change (a weak password, a taken name), in the shared
/// error shape so pages and the audit log treat them like any validation failure. No status code: OSVI was not asked.</summary>
internal static class AdminErrors
{
    public static OsviError Invalid(string message, string field = "") =>
        new(OsviErrorKind.Validation, null, message, field.Length == 0 ? [] : [new OsviFieldError(field, message)]);

    public static OsviError Invalid(string field, IEnumerable<string> messages)
    {
        var list = messages.ToList();
        return new(OsviErrorKind.Validation, null, string.Join(" ", list), [.. list.Select(message => new OsviFieldError(field, message))]);
    }

    public static OsviError NotFound(string what) => new(OsviErrorKind.NotFound, null, $"{what} no longer exists; reload the page.", []);
}
