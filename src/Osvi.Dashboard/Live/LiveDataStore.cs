using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Osvi.Client;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Services;

namespace Osvi.Dashboard.Live;

/// <summary>The singleton behind <see cref="ILiveData"/>: one entry per watched key, each with its latest immutable
/// snapshot and its subscribers. <see cref="LivePoller"/> calls <see cref="PollDueAsync"/> on every tick; only entries
/// with subscribers are ever polled, and at most one poll per entry runs at a time.</summary>
internal sealed partial class LiveDataStore : ILiveData
{
    private readonly ConcurrentDictionary<object, FeedEntry> _entries = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly Dictionary<Type, LiveFeedRegistration> _registrations;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<DashboardOptions> _options;
    private readonly ILogger<LiveDataStore> _logger;
    private int _rounds;

    public LiveDataStore(IEnumerable<LiveFeedRegistration> registrations, IServiceScopeFactory scopes, TimeProvider time,
        IOptionsMonitor<DashboardOptions> options, ILogger<LiveDataStore> logger)
    {
        _registrations = registrations.ToDictionary(registration => registration.KeyType);
        _scopes = scopes;
        _time = time;
        _options = options;
        _logger = logger;
    }

    public ILiveSubscription<T> Subscribe<T>(LiveKey<T> key, Func<LiveSnapshot<T>, Task> onUpdate)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(onUpdate);
        while (true)
        {
            var entry = (FeedEntry<T>)_entries.GetOrAdd(key, static (k, store) => store.CreateEntry((LiveKey<T>)k), this);
            var subscription = entry.TryAdd(onUpdate);
            if (subscription is null)
            {
                // The entry was evicted between lookup and subscription: take the fresh one.
                continue;
            }

            if (entry.IsDue(_time.GetUtcNow(), IntervalOf(entry)))
            {
                _wake.Writer.TryWrite(true);
            }

            return subscription;
        }
    }

    public LiveSnapshot<T> Peek<T>(LiveKey<T> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _entries.TryGetValue(key, out var entry) ? ((FeedEntry<T>)entry).Snapshot : LiveSnapshot<T>.Pending;
    }

    public void RequestRefresh<T>(LiveKey<T> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.RequestRefresh();
            _wake.Writer.TryWrite(true);
        }
    }

    /// <summary>Starts a poll of every due feed (watched, not already polling, interval elapsed or refresh asked) and
    /// evicts feeds nobody has watched for a while. Completes when the polls it started have finished.</summary>
    internal Task PollDueAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _rounds);
        var now = _time.GetUtcNow();
        var live = _options.CurrentValue.Live;
        List<Task> started = [];
        foreach (var (key, entry) in _entries)
        {
            if (entry.TryStartPoll(now, IntervalOf(entry)))
            {
                var poll = entry.PollAsync(ct);
                _running.TryAdd(poll, 0);
                _ = poll.ContinueWith(static (task, running) => ((ConcurrentDictionary<Task, byte>)running!).TryRemove(task, out _),
                    _running, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                started.Add(poll);
            }
            else if (entry.TryEvict(now, live.IdleRetention))
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }

        return Task.WhenAll(started);
    }

    /// <summary>Completes when something asked for an early poll (a first subscriber, a refresh).</summary>
    internal async Task<bool> WaitForWakeAsync(CancellationToken ct)
    {
        var more = await _wake.Reader.WaitToReadAsync(ct);
        while (_wake.Reader.TryRead(out _))
        {
        }

        return more;
    }

    /// <summary>Completes when every running poll has finished (shutdown).</summary>
    internal Task WhenIdleAsync() => Task.WhenAll(_running.Keys);

    /// <summary>Subscribers of one key (diagnostics and tests).</summary>
    internal int SubscriberCount(object key) => _entries.TryGetValue(key, out var entry) ? entry.SubscriberCount : 0;

    /// <summary>How many times <see cref="PollDueAsync"/> ran (tests wait on it after moving a fake clock).</summary>
    internal int Rounds => Volatile.Read(ref _rounds);

    /// <summary>Keys the store holds (watched or recently watched).</summary>
    internal int EntryCount => _entries.Count;

    private TimeSpan IntervalOf(FeedEntry entry) => _options.CurrentValue.Live.IntervalOf(entry.Name);

    private FeedEntry<T> CreateEntry<T>(LiveKey<T> key)
    {
        if (!_registrations.TryGetValue(key.GetType(), out var registration))
        {
            throw new InvalidOperationException(
                $"No live feed is registered for {key.GetType().Name}. Register it with services.AddLiveFeed<{key.GetType().Name}, {typeof(T).Name}, TFetcher>(name).");
        }

        var fetch = (Func<IServiceProvider, LiveKey<T>, CancellationToken, Task<ServiceResult<T>>>)registration.Fetch;
        return new FeedEntry<T>(this, key, registration.Name, fetch);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed {Feed} {Key} failed: {Kind}: {Message}")]
    private static partial void LogFeedFailed(ILogger logger, string feed, string key, OsviErrorKind kind, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live feed {Feed} {Key} recovered")]
    private static partial void LogFeedRecovered(ILogger logger, string feed, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Live feed {Feed} {Key}: the fetcher threw")]
    private static partial void LogFetcherThrew(ILogger logger, Exception exception, string feed, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live feed {Feed}: a subscriber's callback failed")]
    private static partial void LogCallbackFailed(ILogger logger, Exception exception, string feed);

    private abstract class FeedEntry(string name)
    {
        public string Name { get; } = name;

        public abstract int SubscriberCount { get; }

        public abstract bool IsDue(DateTimeOffset now, TimeSpan interval);

        public abstract bool TryStartPoll(DateTimeOffset now, TimeSpan interval);

        public abstract Task PollAsync(CancellationToken ct);

        public abstract void RequestRefresh();

        public abstract bool TryEvict(DateTimeOffset now, TimeSpan retention);
    }

    private sealed class FeedEntry<T>(LiveDataStore store, LiveKey<T> key, string name,
        Func<IServiceProvider, LiveKey<T>, CancellationToken, Task<ServiceResult<T>>> fetch) : FeedEntry(name)
    {
        private static readonly TimeSpan s_maxPollDuration = TimeSpan.FromMinutes(2);
        private static readonly TimeSpan s_minRetryAfter = TimeSpan.FromSeconds(1);

        private readonly Lock _gate = new();
        private ImmutableArray<Subscription> _subscribers = [];
        private LiveSnapshot<T> _snapshot = LiveSnapshot<T>.Pending;
        private DateTimeOffset? _lastStarted;
        private DateTimeOffset _idleSince = store._time.GetUtcNow();
        private bool _polling;
        private bool _refresh;
        private bool _evicted;

        // Set after a failure that says when to ask again (a 429's Retry-After, an open circuit breaker's remaining
        // break): the next poll waits for it, even past the interval, and comes back then, even before the interval.
        private DateTimeOffset? _retryAt;

        public ILogger Logger => store._logger;

        public LiveSnapshot<T> Snapshot
        {
            get
            {
                lock (_gate)
                {
                    return _snapshot;
                }
            }
        }

        public override int SubscriberCount
        {
            get
            {
                lock (_gate)
                {
                    return _subscribers.Length;
                }
            }
        }

        public Subscription? TryAdd(Func<LiveSnapshot<T>, Task> onUpdate)
        {
            lock (_gate)
            {
                if (_evicted)
                {
                    return null;
                }

                var subscription = new Subscription(this, onUpdate);
                _subscribers = _subscribers.Add(subscription);
                return subscription;
            }
        }

        public override bool IsDue(DateTimeOffset now, TimeSpan interval)
        {
            lock (_gate)
            {
                return IsDueLocked(now, interval);
            }
        }

        public override bool TryStartPoll(DateTimeOffset now, TimeSpan interval)
        {
            lock (_gate)
            {
                if (!IsDueLocked(now, interval))
                {
                    return false;
                }

                _polling = true;
                _refresh = false;
                _lastStarted = now;
                return true;
            }
        }

        public override void RequestRefresh()
        {
            lock (_gate)
            {
                _refresh = true;
            }
        }

        public override bool TryEvict(DateTimeOffset now, TimeSpan retention)
        {
            lock (_gate)
            {
                if (_subscribers.Length > 0 || _polling || now - _idleSince < retention)
                {
                    return false;
                }

                _evicted = true;
                return true;
            }
        }

        public override async Task PollAsync(CancellationToken ct)
        {
            ServiceResult<T> result;
            // A fetch that never returns would stop this feed for good; the OSVI client times out long before this.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(s_maxPollDuration);
            try
            {
                await using var scope = store._scopes.CreateAsyncScope();
                result = await fetch(scope.ServiceProvider, key, limit.Token);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                lock (_gate)
                {
                    _polling = false;
                }

                return;
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                result = ServiceResult<T>.Failed(new OsviError(OsviErrorKind.Unreachable, null, "The refresh took too long and was abandoned.", []));
            }
            catch (Exception exception)
            {
                LogFetcherThrew(store._logger, exception, Name, key.ToString());
                result = ServiceResult<T>.Failed(new OsviError(OsviErrorKind.Unexpected, null, "The dashboard could not read this data; the error was logged.", []));
            }

            var now = store._time.GetUtcNow();
            LiveSnapshot<T> previous;
            LiveSnapshot<T> next;
            ImmutableArray<Subscription> subscribers;
            lock (_gate)
            {
                previous = _snapshot;
                next = result.Succeeded
                    ? new LiveSnapshot<T> { Value = result.Value, HasValue = true, UpdatedAt = now, CheckedAt = now, Version = previous.Version + 1 }
                    : previous with { Error = result.Error ?? RefusalAsError(result.Refusal!), CheckedAt = now, Version = previous.Version + 1 };
                _snapshot = next;
                _polling = false;
                _retryAt = next.Error?.RetryAfter is { } wait ? now + (wait > s_minRetryAfter ? wait : s_minRetryAfter) : null;
                subscribers = _subscribers;
            }

            if (next.Error is { } error && previous.Error is null)
            {
                LogFeedFailed(store._logger, Name, key.ToString(), error.Kind, error.Message);
            }
            else if (next.Error is null && previous.Error is not null)
            {
                LogFeedRecovered(store._logger, Name, key.ToString());
            }

            await Task.WhenAll(subscribers.Select(subscription => subscription.NotifyAsync(next)));
        }

        private static OsviError RefusalAsError(ServiceRefusal refusal) => new(OsviErrorKind.Forbidden, null, refusal.Message, []);

        private bool IsDueLocked(DateTimeOffset now, TimeSpan interval) =>
            !_evicted && !_polling && _subscribers.Length > 0 &&
            (_refresh || _lastStarted is null || (_retryAt is { } retryAt ? now >= retryAt : now - _lastStarted.Value >= interval));

        private void Remove(Subscription subscription)
        {
            lock (_gate)
            {
                _subscribers = _subscribers.Remove(subscription);
                if (_subscribers.Length == 0)
                {
                    _idleSince = store._time.GetUtcNow();
                }
            }
        }

        internal sealed class Subscription(FeedEntry<T> entry, Func<LiveSnapshot<T>, Task> onUpdate) : ILiveSubscription<T>
        {
            private int _disposed;

            public LiveSnapshot<T> Current => entry.Snapshot;

            public async Task NotifyAsync(LiveSnapshot<T> snapshot)
            {
                if (Volatile.Read(ref _disposed) == 1)
                {
                    return;
                }

                try
                {
                    await onUpdate(snapshot);
                }
                catch (Exception exception)
                {
                    // A circuit that went away or a component that threw must not stop the others' updates.
                    LogCallbackFailed(entry.Logger, exception, entry.Name);
                }
            }

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    entry.Remove(this);
                }
            }
        }
    }
}
