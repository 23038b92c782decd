using System.Globalization;

namespace Osvi.Simulator.Wire;

/// <summary>The two timestamp styles of the contract (D16).</summary>
public static class Timestamps
{
    /// <summary>India Standard Time: calls, campaigns and DND are stamped in it.</summary>
    public static readonly TimeSpan IstOffset = TimeSpan.FromHours(5.5);

    /// <summary><c>2026-06-12T09:30:00+05:30</c>: calls, campaigns, DND.</summary>
    public static string Ist(DateTimeOffset value) =>
        value.ToOffset(IstOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary><c>2026-06-04T11:40:25.690486Z</c>: chat v1.</summary>
    public static string ChatUtc(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The IST form of a nullable value.</summary>
    public static string? Ist(DateTimeOffset? value) => value is { } v ? Ist(v) : null;
}
