using Osvi.Dashboard.Live;

namespace Osvi.Dashboard.Components.Campaigns;

/// <summary>Live feeds of a changing set of keys for one component: <see cref="Track"/> subscribes to new ids and ends
/// the subscriptions of ids no longer shown, so nothing is polled for what nobody shows (LiveComponentBase.Watch keeps a
/// subscription for the component's lifetime). Updates are applied through the component's <c>InvokeAsync</c>.</summary>
/// <typeparam name="TId">What tells the instances apart, e.g. a campaign id.</typeparam>
/// <typeparam name="TValue">The feed's value.</typeparam>
public class LiveFeedSet<TId, TValue> : IDisposable where TId : notnull
{
    private readonly ILiveData _live;
    private readonly Func<TId, LiveKey<TValue>> _key;
    private readonly Func<Func<Task>, Task> _invoke;
    private readonly Func<Task> _changed;
    private readonly Dictionary<TId, ILiveSubscription<TValue>> _subscriptions = [];
    private readonly Dictionary<TId, LiveSnapshot<TValue>> _snapshots = [];
    private bool _disposed;

    /// <summary>Creates the set.</summary>
    /// <param name="live">The shared snapshot store.</param>
    /// <param name="key">The feed key of an id.</param>
    /// <param name="invoke">The component's <c>InvokeAsync</c>.</param>
    /// <param name="changed">Runs on the renderer's context after a snapshot arrived (e.g. <c>StateHasChanged</c>).</param>
    public LiveFeedSet(ILiveData live, Func<TId, LiveKey<TValue>> key, Func<Func<Task>, Task> invoke, Func<Task> changed)
    {
        _live = live;
        _key = key;
        _invoke = invoke;
        _changed = changed;
    }

    /// <summary>The ids tracked.</summary>
    public IReadOnlyCollection<TId> Ids => _subscriptions.Keys;

    /// <summary>The snapshot of a tracked id (pending until its first poll).</summary>
    public LiveSnapshot<TValue> this[TId id] =>
        _snapshots.TryGetValue(id, out var snapshot) ? snapshot : LiveSnapshot<TValue>.Pending;

    /// <summary>Every tracked snapshot.</summary>
    public IEnumerable<LiveSnapshot<TValue>> Snapshots => _subscriptions.Keys.Select(id => this[id]);

    /// <summary>Watches exactly these ids (call on the renderer's context).</summary>
    public void Track(IEnumerable<TId> ids)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var wanted = ids.ToHashSet();
        foreach (var id in _subscriptions.Keys.Where(id => !wanted.Contains(id)).ToList())
        {
            _subscriptions.Remove(id, out var subscription);
            subscription!.Dispose();
            _snapshots.Remove(id);
        }

        foreach (var id in wanted.Where(id => !_subscriptions.ContainsKey(id)))
        {
            var subscription = _live.Subscribe(_key(id), snapshot => _invoke(async () =>
            {
                if (!_disposed && _subscriptions.ContainsKey(id))
                {
                    _snapshots[id] = snapshot;
                    await _changed();
                }
            }));
            _subscriptions[id] = subscription;
            _snapshots[id] = subscription.Current;
        }
    }

    /// <summary>Ends every subscription.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Ends every subscription.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var subscription in _subscriptions.Values)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
        _snapshots.Clear();
    }
}
