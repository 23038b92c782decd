using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Osvi.Dashboard.Services.Calls;

namespace Osvi.Dashboard.Components.Chat;

/// <summary>The chat console's side of the browser (<c>wwwroot/js/chat.js</c>, imported on first use): following the
/// newest entry of a conversation, and times in the viewer's zone (the circuit's <see cref="IViewerTimeZone"/>, the
/// same one every other page uses). Scoped: one per circuit.</summary>
public sealed class ChatBrowser(IJSRuntime js, IViewerTimeZone viewer) : IAsyncDisposable
{
    private Task<IJSObjectReference?>? _module;

    /// <summary>The zone times are shown in: the viewer's once the browser told it, else the dashboard's.</summary>
    public TimeZoneInfo Zone => viewer.Zone;

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
