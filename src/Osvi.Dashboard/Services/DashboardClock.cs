using System.Globalization;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Options;

namespace Osvi.Dashboard.Services;

/// <summary>"Now" and "today" in the dashboard's configured zone (<c>Dashboard:TimeZone</c>, default Asia/Kolkata
/// like OSVI's own dates), from the injected <see cref="TimeProvider"/>.</summary>
public sealed class DashboardClock(TimeProvider time, IOptions<DashboardOptions> options)
{
    private readonly TimeZoneInfo _zone = options.Value.GetTimeZone();

    /// <summary>The configured zone.</summary>
    public TimeZoneInfo Zone => _zone;

    /// <summary>The current instant in the configured zone.</summary>
    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone);

    /// <summary>Today's date in the configured zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    /// <summary>A timestamp in the configured zone.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    /// <summary>The first and last second of <paramref name="day"/> in the configured zone, as OSVI's inclusive
    /// <c>start_date</c>/<c>end_date</c> filters want them (ISO-8601 with the zone's offset).</summary>
    public (string Start, string End) DayBounds(DateOnly day)
    {
        var start = day.ToDateTime(TimeOnly.MinValue);
        var end = day.ToDateTime(new TimeOnly(23, 59, 59));
        return (Format(start), Format(end));

        string Format(DateTime local) =>
            new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>A short label of the zone for the UI, e.g. <c>Asia/Kolkata</c>.</summary>
    public string ZoneLabel => _zone.Id;
}
