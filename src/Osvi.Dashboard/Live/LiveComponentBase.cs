using Microsoft.AspNetCore.Components;

namespace Osvi.Dashboard.Live;

/// <summary>Base class for components that show live feeds. <see cref="Watch{T}"/> subscribes for the component's
/// lifetime and applies each update on the renderer's context (<c>InvokeAsync</c>), then re-renders; an exception in
/// the update goes to the nearest error boundary (<c>DispatchExceptionAsync</c>). <see cref="DisposeAsync"/> cancels
/// <see cref="ComponentCancellation"/> and ends every subscription.</summary>
public abstract class LiveComponentBase : ComponentBase, IAsyncDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly CancellationTokenSource _cancellation = new();
    private bool _disposed;

    /// <summary>The shared snapshot store.</summary>
    [Inject]
    public required ILiveData Live { get; init; }

    /// <summary>Cancelled when the component is disposed; pass it to service calls the component starts.</summary>
    protected CancellationToken ComponentCancellation => _cancellation.Token;

    /// <summary>Watches a feed until the component is disposed. <paramref name="apply"/> runs on the renderer's
    /// context for every new snapshot; the component re-renders afterwards.</summary>
    /// <returns>The feed's current snapshot (pending if it has never been polled).</returns>
    protected LiveSnapshot<T> Watch<T>(LiveKey<T> key, Action<LiveSnapshot<T>> apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var subscription = Live.Subscribe(key, snapshot => InvokeAsync(async () =>
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                apply(snapshot);
                StateHasChanged();
            }
            catch (Exception exception)
            {
                await DispatchExceptionAsync(exception);
            }
        }));
        _subscriptions.Add(subscription);
        return subscription.Current;
    }

    /// <summary>Ends the subscriptions and cancels <see cref="ComponentCancellation"/>; override
    /// <see cref="DisposeAsyncCore"/> to release more.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
        await _cancellation.CancelAsync();
        await DisposeAsyncCore();
        _cancellation.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what a derived component holds; awaited after the subscriptions ended.</summary>
    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;
}
