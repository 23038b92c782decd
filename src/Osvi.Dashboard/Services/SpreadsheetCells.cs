using System.Diagnostics.CodeAnalysis;

namespace Osvi.Dashboard.Services;

/// <summary>Cells of the CSV files the dashboard writes itself, made safe to open in a spreadsheet (OWASP's CSV
/// injection advice): a value starting with <c>= + - @</c>, tab or CR gets a leading <c>'</c>, so it is shown as text
/// and never run as a formula.</summary>
internal static class SpreadsheetCells
{
    /// <summary>Any text.</summary>
    public static string Text(string? text) => StartsLikeFormula(text) ? "'" + text : text ?? "";

    /// <summary>Text that may be a plain signed number, such as an E.164 phone number: no spreadsheet runs that as
    /// anything but a number, so it is kept as it is.</summary>
    public static string TextOrNumber(string? text) =>
        StartsLikeFormula(text) && !IsSignedNumber(text) ? "'" + text : text ?? "";

    private static bool StartsLikeFormula([NotNullWhen(true)] string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static bool IsSignedNumber(string text) =>
        text.Length > 1 && text[0] is '+' or '-' && !text.AsSpan(1).ContainsAnyExceptInRange('0', '9');
}
