using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Osvi.Dashboard.Services;

namespace Osvi.Dashboard.Components.Chat;

/// <summary>The chat console's side of the browser (<c>wwwroot/js/chat.js</c>, imported on first use): the viewer's
/// time zone, and following the newest entry of a conversation. Scoped: one per circuit. Until the browser has answered
/// (or when it cannot), times are shown in the dashboard's zone (<c>Dashboard:TimeZone</c>).</summary>
public sealed class ChatBrowser(IJSRuntime js, DashboardClock clock) : IAsyncDisposable
{
    private Task<IJSObjectReference?>? _module;
    private TimeZoneInfo? _zone;

    /// <summary>The zone times are shown in: the viewer's once known, else the dashboard's.</summary>
    public TimeZoneInfo Zone => _zone ?? clock.Zone;

    /// <summary>True once the viewer's own zone is known.</summary>
    public bool KnowsViewerZone => _zone is not null;

    /// <summary>Asks the browser for its zone (once per circuit); true when it changed what <see cref="Zone"/> is.
    /// Call after the first render.</summary>
    public async Task<bool> LearnViewerZoneAsync()
    {
        if (_zone is not null || await ModuleAsync() is not { } module)
        {
            return false;
        }

        var id = await CallAsync(() => module.InvokeAsync<string?>("timeZone").AsTask());
        if (id is null || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return false;
        }

        _zone = zone;
        return zone.Id != clock.Zone.Id;
    }

    /// <summary>Keeps <paramref name="element"/> scrolled to its end while the reader is there.</summary>
    public async Task FollowAsync(ElementReference element)
    {
        if (await ModuleAsync() is { } module)
        {
            await CallAsync(async () => { await module.InvokeVoidAsync("follow", element); return true; });
        }
    }

    /// <summary>Scrolls to the newest entry (if the reader was at the end, or always when <paramref name="force"/>).</summary>
    public async Task ScrollToEndAsync(ElementReference element, bool force)
    {
        if (await ModuleAsync() is { } module)
        {
            await CallAsync(async () => { await module.InvokeVoidAsync("scrollToEnd", element, force); return true; });
        }
    }

    /// <summary>A UTC instant as a time of day in <see cref="Zone"/>.</summary>
    public string Time(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A UTC instant as date and time in <see cref="Zone"/>.</summary>
    public string DateTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).ToString("d MMM yyyy, HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The calendar day of an instant in <see cref="Zone"/>.</summary>
    public DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public async ValueTask DisposeAsync()
    {
        if (_module is not null && await CallAsync(() => _module) is { } module)
        {
            await CallAsync(async () => { await module.DisposeAsync(); return true; });
        }
    }

    private Task<IJSObjectReference?> ModuleAsync() =>
        _module ??= CallAsync(() => js.InvokeAsync<IJSObjectReference?>("import", "./js/chat.js").AsTask());

    // The browser may be gone (circuit ending) or may not run scripts (prerendering, tests): the console still works.
    private static async Task<T?> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (exception is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            return default;
        }
    }
}
