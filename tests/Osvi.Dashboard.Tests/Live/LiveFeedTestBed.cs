using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Osvi.Client;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Live;

/// <summary>A keyed test feed: one campaign-like id per key.</summary>
public sealed record CounterKey(int Id) : LiveKey<string>;

/// <summary>A feed with no key value (like the shell's own feeds).</summary>
public sealed record SingletonKey : LiveKey<int>;

/// <summary>Counts upstream fetches per key; a test can make the next fetches fail, or hold them until every
/// subscriber it needs is in place (a first poll can otherwise finish between two Subscribe calls).</summary>
public sealed class CountingUpstream
{
    private readonly Dictionary<int, int> _fetches = [];
    private readonly Lock _gate = new();
    private volatile TaskCompletionSource _open = Opened();

    public OsviError? FailWith { get; set; }

    /// <summary>Completes when fetches may go ahead.</summary>
    public Task WhenOpen => _open.Task;

    public void HoldFetches() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseFetches() => _open.TrySetResult();

    public int Total
    {
        get
        {
            lock (_gate)
            {
                return _fetches.Values.Sum();
            }
        }
    }

    public int For(int id)
    {
        lock (_gate)
        {
            return _fetches.GetValueOrDefault(id);
        }
    }

    public int Record(int id)
    {
        lock (_gate)
        {
            return _fetches[id] = _fetches.GetValueOrDefault(id) + 1;
        }
    }

    private static TaskCompletionSource Opened()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }
}

internal sealed class CounterFetcher(CountingUpstream upstream) : ILiveFetcher<CounterKey, string>
{
    public async Task<ServiceResult<string>> FetchAsync(CounterKey key, CancellationToken ct)
    {
        await upstream.WhenOpen.WaitAsync(ct);
        var count = upstream.Record(key.Id);
        return upstream.FailWith is { } error
            ? ServiceResult<string>.Failed(error)
            : ServiceResult<string>.Success($"campaign {key.Id} poll {count}");
    }
}

internal sealed class SingletonFetcher(CountingUpstream upstream) : ILiveFetcher<SingletonKey, int>
{
    public async Task<ServiceResult<int>> FetchAsync(SingletonKey key, CancellationToken ct)
    {
        await upstream.WhenOpen.WaitAsync(ct);
        return ServiceResult<int>.Success(upstream.Record(0));
    }
}

/// <summary>The real store and poller on a fake clock: tick 1 s, interval 5 s.</summary>
internal sealed class LiveFeedTestBed : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly LivePoller _poller;

    public LiveFeedTestBed(TimeSpan? retention = null)
    {
        var options = new DashboardOptions();
        options.Live.Interval = TimeSpan.FromSeconds(5);
        options.Live.Tick = TimeSpan.FromSeconds(1);
        options.Live.IdleRetention = retention ?? TimeSpan.FromMinutes(5);

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Upstream);
        services.AddSingleton<IOptionsMonitor<DashboardOptions>>(new StaticOptionsMonitor<DashboardOptions>(options));
        services.AddSingleton<ILogger<LiveDataStore>>(Logger);
        services.AddSingleton<LiveDataStore>();
        services.AddLiveFeed<CounterKey, string, CounterFetcher>("Counter");
        services.AddLiveFeed<SingletonKey, int, SingletonFetcher>("Singleton");
        _services = services.BuildServiceProvider();
        Store = _services.GetRequiredService<LiveDataStore>();
        _poller = new LivePoller(Store, Time, _services.GetRequiredService<IOptionsMonitor<DashboardOptions>>());
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 12, 6, 30, 0, TimeSpan.Zero));

    public CountingUpstream Upstream { get; } = new();

    public FakeLogger<LiveDataStore> Logger { get; } = new();

    public LiveDataStore Store { get; }

    public Task StartAsync() => _poller.StartAsync(CancellationToken.None);

    /// <summary>Moves the clock one tick at a time, waiting each time until the poller has run a round and its polls finished.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < by; elapsed += TimeSpan.FromSeconds(1))
        {
            var rounds = Store.Rounds;
            Time.Advance(TimeSpan.FromSeconds(1));
            await Eventually.TrueAsync(() => Store.Rounds > rounds, "the poller runs a round after a tick");
            await Store.WhenIdleAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _poller.StopAsync(CancellationToken.None);
        _poller.Dispose();
        await _services.DisposeAsync();
    }

    private sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
