using System.Globalization;
using System.Text.RegularExpressions;
using Osvi.Simulator.Wire;

namespace Osvi.Simulator.Endpoints;

/// <summary>Query-string parsing shared by the list endpoints (pagination per contract §1, D12).</summary>
internal static partial class QueryParams
{
    public const int DefaultPerPage = 25;
    public const int MaxPerPage = 100;

    /// <summary>A trimmed, non-empty query value, or null.</summary>
    public static string? Get(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString().Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary><c>page</c> (default 1) and <c>per_page</c> (default 25, clamped to 100), or the field errors.</summary>
    public static (int Page, int PerPage, List<FieldError> Errors) Paging(HttpRequest request)
    {
        var errors = new List<FieldError>();
        var page = Integer(request, "page", errors) is { } p and > 0 ? (int)Math.Min(p, int.MaxValue / MaxPerPage) : 1;
        var perPage = Integer(request, "per_page", errors) is { } pp and > 0 ? (int)Math.Min(pp, MaxPerPage) : DefaultPerPage;
        return (page, perPage, errors);
    }

    /// <summary>An optional integer; a value that is not one adds an error.</summary>
    public static long? Integer(HttpRequest request, string name, List<FieldError> errors)
    {
        if (Get(request, name) is not { } raw)
        {
            return null;
        }

        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(new FieldError(name, $"{name} must be an integer"));
        return null;
    }

    /// <summary>The <c>meta</c> of a page.</summary>
    public static PageMeta Meta(int page, int perPage, int totalCount) =>
        new(page, (int)Math.Ceiling(totalCount / (double)perPage), totalCount, perPage);

    /// <summary>
    /// A <c>start_date</c>/<c>end_date</c>: a date (<c>2026-06-01</c>, an IST day) or an ISO-8601 timestamp (no offset =
    /// UTC). A date-only end covers its whole day. An unencoded <c>+05:30</c> arrives as a space and is read as '+'.
    /// </summary>
    public static DateTimeOffset? Date(HttpRequest request, string name, bool isEnd, List<FieldError> errors)
    {
        if (Get(request, name) is not { } raw)
        {
            return null;
        }

        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Timestamps.IstOffset);
            return isEnd ? start.AddDays(1).AddTicks(-1) : start;
        }

        var repaired = SpaceForPlus().Replace(raw, "+$1");
        if (IsoTimestamp().IsMatch(repaired)
            && DateTimeOffset.TryParse(repaired, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
        {
            return timestamp;
        }

        errors.Add(new FieldError(name, $"{name} is not a valid date (use YYYY-MM-DD or ISO 8601)"));
        return null;
    }

    /// <summary>A phone fragment for partial matching: digits and a leading '+' (which may have arrived as a space).</summary>
    public static string? PhoneFragment(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var cleaned = new string([.. raw.Where(c => char.IsAsciiDigit(c) || c == '+')]);
        return cleaned.Length == 0 ? null : cleaned;
    }

    [GeneratedRegex(@" (\d{2}:?\d{2})$")]
    private static partial Regex SpaceForPlus();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoTimestamp();
}
