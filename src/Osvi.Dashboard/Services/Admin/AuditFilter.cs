using System.Globalization;
using Osvi.Dashboard.Audit;

namespace Osvi.Dashboard.Services.Admin;

/// <summary>The audit page's filter, as it appears in the page's address and in the export link (<c>/audit?user=…&amp;from=…</c>),
/// so a link reproduces a view and its export. Dates are days in the dashboard's zone, both ends included.</summary>
public sealed record AuditFilter
{
    /// <summary>User name contains.</summary>
    public string? User { get; init; }

    /// <summary>One of <see cref="AuditCategories"/>.</summary>
    public string? Category { get; init; }

    /// <summary>Exactly this action, e.g. <c>user.role</c>.</summary>
    public string? Action { get; init; }

    /// <summary>Target contains.</summary>
    public string? Target { get; init; }

    /// <summary>Phone number contains.</summary>
    public string? Phone { get; init; }

    /// <summary>Only this outcome.</summary>
    public AuditResult? Result { get; init; }

    /// <summary>From this day.</summary>
    public DateOnly? From { get; init; }

    /// <summary>To this day (included).</summary>
    public DateOnly? To { get; init; }

    /// <summary>The query of the audit log for a page of this filter.</summary>
    public AuditQuery ToQuery(TimeZoneInfo zone, int skip = 0, int take = 50)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new AuditQuery
        {
            User = Trimmed(User),
            Category = Trimmed(Category),
            Action = Trimmed(Action),
            Target = Trimmed(Target),
            Phone = Trimmed(Phone),
            Result = Result,
            From = From is { } from ? StartOf(from, zone) : null,
            To = To is { } to ? StartOf(to.AddDays(1), zone) : null,
            Skip = skip,
            Take = take,
        };
    }

    /// <summary>Reads a filter from query values (unknown or malformed values are ignored).</summary>
    public static AuditFilter Parse(Func<string, string?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new AuditFilter
        {
            User = Trimmed(value("user")),
            Category = Trimmed(value("category")),
            Action = Trimmed(value("action")),
            Target = Trimmed(value("target")),
            Phone = Trimmed(value("phone")),
            Result = Enum.TryParse<AuditResult>(value("result"), ignoreCase: true, out var result) && Enum.IsDefined(result) ? result : null,
            From = Day(value("from")),
            To = Day(value("to")),
        };
    }

    /// <summary>The filter's query values (only those set), for links.</summary>
    public IReadOnlyDictionary<string, string> ToQueryValues()
    {
        var values = new Dictionary<string, string>();
        Add("user", User);
        Add("category", Category);
        Add("action", Action);
        Add("target", Target);
        Add("phone", Phone);
        Add("result", Result?.ToString());
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return values;

        void Add(string key, string? text)
        {
            if (Trimmed(text) is { } trimmed)
            {
                values[key] = trimmed;
            }
        }
    }

    /// <summary>The filter as a query string (without <c>?</c>).</summary>
    public string ToQueryString() => string.Join("&", ToQueryValues().Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value)}"));

    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
