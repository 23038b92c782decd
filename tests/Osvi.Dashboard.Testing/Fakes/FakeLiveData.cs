using Osvi.Client;
using Osvi.Dashboard.Live;

namespace Osvi.Dashboard.Testing.Fakes;

/// <summary>An <see cref="ILiveData"/> for component tests: the test publishes snapshots and every subscriber receives
/// them, as from the real poller. Also records refresh requests and subscriptions (to check disposal).</summary>
public sealed class FakeLiveData(TimeProvider? time = null) : ILiveData
{
    private readonly Lock _gate = new();
    private readonly Dictionary<object, object> _snapshots = [];
    private readonly Dictionary<object, List<Subscriber>> _subscribers = [];
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Keys a component asked to refresh, in order.</summary>
    public List<object> RefreshRequests { get; } = [];

    public ILiveSubscription<T> Subscribe<T>(LiveKey<T> key, Func<LiveSnapshot<T>, Task> onUpdate)
    {
        var subscriber = new Subscriber<T>(this, key, onUpdate);
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(key, out var list))
            {
                _subscribers[key] = list = [];
            }

            list.Add(subscriber);
        }

        return subscriber;
    }

    public LiveSnapshot<T> Peek<T>(LiveKey<T> key)
    {
        lock (_gate)
        {
            return _snapshots.TryGetValue(key, out var snapshot) ? (LiveSnapshot<T>)snapshot : LiveSnapshot<T>.Pending;
        }
    }

    public void RequestRefresh<T>(LiveKey<T> key)
    {
        lock (_gate)
        {
            RefreshRequests.Add(key);
        }
    }

    /// <summary>Current subscribers of a key.</summary>
    public int SubscriberCount(object key)
    {
        lock (_gate)
        {
            return _subscribers.TryGetValue(key, out var list) ? list.Count : 0;
        }
    }

    /// <summary>Sets a snapshot and delivers it to every subscriber (awaiting their callbacks).</summary>
    public async Task PublishAsync<T>(LiveKey<T> key, LiveSnapshot<T> snapshot)
    {
        Subscriber[] subscribers;
        lock (_gate)
        {
            _snapshots[key] = snapshot;
            subscribers = _subscribers.TryGetValue(key, out var list) ? [.. list] : [];
        }

        foreach (var subscriber in subscribers)
        {
            await ((Subscriber<T>)subscriber).OnUpdate(snapshot);
        }
    }

    /// <summary>Publishes a successful poll.</summary>
    public Task PublishValueAsync<T>(LiveKey<T> key, T value)
    {
        var now = _time.GetUtcNow();
        var previous = Peek(key);
        return PublishAsync(key, new LiveSnapshot<T> { Value = value, HasValue = true, UpdatedAt = now, CheckedAt = now, Version = previous.Version + 1 });
    }

    /// <summary>Publishes a failed poll (the last value, if any, is kept, as the real store does).</summary>
    public Task PublishErrorAsync<T>(LiveKey<T> key, OsviError error)
    {
        var previous = Peek(key);
        return PublishAsync(key, previous with { Error = error, CheckedAt = _time.GetUtcNow(), Version = previous.Version + 1 });
    }

    private abstract class Subscriber;

    private sealed class Subscriber<T>(FakeLiveData owner, object key, Func<LiveSnapshot<T>, Task> onUpdate) : Subscriber, ILiveSubscription<T>
    {
        public Func<LiveSnapshot<T>, Task> OnUpdate { get; } = onUpdate;

        public LiveSnapshot<T> Current => owner.Peek((LiveKey<T>)key);

        public void Dispose()
        {
            lock (owner._gate)
            {
                if (owner._subscribers.TryGetValue(key, out var list))
                {
                    list.Remove(this);
                }
            }
        }
    }
}
