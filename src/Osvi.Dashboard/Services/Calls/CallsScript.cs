using Microsoft.JSInterop;

namespace Osvi.Dashboard.Services.Calls;

/// <summary>The Calls area's browser module (<c>wwwroot/js/calls.js</c>): the browser's time zone, downloads, the
/// recording player and transcript helpers. Imported once per circuit. A disconnected circuit is not an error here.</summary>
public sealed class CallsScript(IJSRuntime js) : IAsyncDisposable
{
    /// <summary>The module's path (relative to the base href; the import map adds the fingerprint).</summary>
    public const string ModulePath = "./js/calls.js";

    private Task<IJSObjectReference>? _module;

    /// <summary>Calls a function of the module.</summary>
    public async ValueTask<T> InvokeAsync<T>(string identifier, params object?[] args)
    {
        var module = await (_module ??= js.InvokeAsync<IJSObjectReference>("import", ModulePath).AsTask());
        return await module.InvokeAsync<T>(identifier, args);
    }

    /// <summary>Calls a function of the module that returns nothing.</summary>
    public async ValueTask InvokeVoidAsync(string identifier, params object?[] args)
    {
        var module = await (_module ??= js.InvokeAsync<IJSObjectReference>("import", ModulePath).AsTask());
        await module.InvokeVoidAsync(identifier, args);
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is { IsCompletedSuccessfully: true } loaded)
        {
            try
            {
                await loaded.Result.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }
}
