using Osvi.Dashboard.Services.Calls;

namespace Osvi.Dashboard.Testing.Fakes;

/// <summary>A viewer whose browser has already told its zone, e.g. <c>America/New_York</c>: a page that formats a time in
/// any other zone (UTC, the server's, the dashboard's configured one) shows a different hour.</summary>
public sealed class FakeViewerTimeZone(string zoneId) : IViewerTimeZone
{
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(zoneId);

    public bool IsFromBrowser => true;

    public string Label => $"{Zone.Id}, your browser's time zone";

    public Task<bool> DetectAsync() => Task.FromResult(false);

    public DateTimeOffset ToViewer(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);
}
