using Microsoft.JSInterop;

namespace Osvi.Dashboard.Services.Calls;

/// <summary>The time zone of the person looking at the page (their browser's), so times read as their local time.
/// Until the browser has answered (or when it cannot), the dashboard's configured zone is used. Scoped: one circuit.</summary>
public interface IViewerTimeZone
{
    /// <summary>The zone in use now.</summary>
    TimeZoneInfo Zone { get; }

    /// <summary>True once the browser told its zone.</summary>
    bool IsFromBrowser { get; }

    /// <summary>A label for the UI, e.g. "Europe/Berlin, your browser's time zone".</summary>
    string Label { get; }

    /// <summary>Asks the browser once (call after the first render); true when the zone changed.</summary>
    Task<bool> DetectAsync();

    /// <summary>An instant in the viewer's zone.</summary>
    DateTimeOffset ToViewer(DateTimeOffset instant);
}

internal sealed class ViewerTimeZone(IJSRuntime js, DashboardClock clock) : IViewerTimeZone
{
    private Task<bool>? _detection;

    public TimeZoneInfo Zone { get; private set; } = clock.Zone;

    public bool IsFromBrowser { get; private set; }

    public string Label => IsFromBrowser ? $"{Zone.Id}, your browser's time zone" : $"{Zone.Id}, the dashboard's time zone";

    public Task<bool> DetectAsync() => _detection ??= DetectOnceAsync();

    public DateTimeOffset ToViewer(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    private async Task<bool> DetectOnceAsync()
    {
        string? id;
        try
        {
            // osvi.js's global (every page loads it): no module import just to learn the zone.
            id = await js.InvokeAsync<string?>("osviTimeZone");
        }
        catch (Exception exception) when (exception is JSException or InvalidOperationException or TaskCanceledException or JSDisconnectedException)
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(id) || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return false;
        }

        var changed = zone.Id != Zone.Id;
        Zone = zone;
        IsFromBrowser = true;
        return changed;
    }
}
