using Osvi.Client;

namespace Osvi.Dashboard.Live;

/// <summary>Names one live feed: the record's type selects the feed (and its fetcher), its value selects the instance
/// (e.g. <c>new CampaignStatusKey(7)</c>). Keys must be records so that equal values share one upstream poll.</summary>
/// <typeparam name="T">The snapshot's value type.</typeparam>
public abstract record LiveKey<T>;

/// <summary>An immutable view of a feed at one moment. A failed poll keeps the last good value, so pages can show
/// "stale since …" instead of losing their numbers.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed record LiveSnapshot<T>
{
    /// <summary>Nothing fetched yet.</summary>
    public static LiveSnapshot<T> Pending { get; } = new();

    /// <summary>The last value fetched successfully (kept when a later poll fails).</summary>
    public T? Value { get; init; }

    /// <summary>True once a poll has succeeded.</summary>
    public bool HasValue { get; init; }

    /// <summary>When <see cref="Value"/> was fetched.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The failure of the latest poll, or null when it succeeded.</summary>
    public OsviError? Error { get; init; }

    /// <summary>When the latest poll finished, successful or not.</summary>
    public DateTimeOffset? CheckedAt { get; init; }

    /// <summary>Increases with every poll.</summary>
    public long Version { get; init; }

    /// <summary>True until the first poll has finished.</summary>
    public bool IsPending => CheckedAt is null;
}

/// <summary>A subscription to a feed; dispose it (components: in <c>DisposeAsync</c>) to stop receiving updates.
/// When the last subscriber of a feed leaves, the feed is no longer polled.</summary>
/// <typeparam name="T">The value type.</typeparam>
public interface ILiveSubscription<T> : IDisposable
{
    /// <summary>The feed's snapshot right now.</summary>
    LiveSnapshot<T> Current { get; }
}

/// <summary>The shared snapshot store: one upstream poll per feed and interval however many circuits watch, and none
/// for a feed nobody watches.</summary>
public interface ILiveData
{
    /// <summary>Starts watching a feed. The first subscriber of a feed with no fresh snapshot triggers a poll at once.
    /// <paramref name="onUpdate"/> runs on a background thread after every poll: components marshal through
    /// <c>InvokeAsync</c> (<see cref="LiveComponentBase"/> does it for you).</summary>
    ILiveSubscription<T> Subscribe<T>(LiveKey<T> key, Func<LiveSnapshot<T>, Task> onUpdate);

    /// <summary>The feed's current snapshot without subscribing (<see cref="LiveSnapshot{T}.Pending"/> if never polled).</summary>
    LiveSnapshot<T> Peek<T>(LiveKey<T> key);

    /// <summary>Asks for a poll of a watched feed at the next tick, e.g. after an action changed what it shows.</summary>
    void RequestRefresh<T>(LiveKey<T> key);
}

/// <summary>Fetches one snapshot of a feed. Resolved in a fresh DI scope for every poll (outside any circuit, so it
/// must not depend on the current user). Register with <c>services.AddLiveFeed&lt;TKey, TValue, TFetcher&gt;(name)</c>.</summary>
/// <typeparam name="TKey">The feed's key record.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public interface ILiveFetcher<in TKey, TValue> where TKey : LiveKey<TValue>
{
    /// <summary>Fetches the current value for <paramref name="key"/>.</summary>
    Task<Services.ServiceResult<TValue>> FetchAsync(TKey key, CancellationToken ct);
}
