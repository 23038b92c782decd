using Microsoft.Extensions.Logging;
using Osvi.Client;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Live;

public sealed class LiveDataStoreTests
{
    private static readonly OsviError s_unreachable = new(OsviErrorKind.Unreachable, null, "OSVI could not be reached: connection refused", []);

    [Fact]
    public async Task Subscribe_ManySubscribers_OneUpstreamPollPerInterval()
    {
        await using var bed = new LiveFeedTestBed();
        await bed.StartAsync();
        var received = 0;
        bed.Upstream.HoldFetches();
        var subscriptions = Enumerable.Range(0, 50)
            .Select(_ => bed.Store.Subscribe(new CounterKey(7), _ => { Interlocked.Increment(ref received); return Task.CompletedTask; }))
            .ToList();
        bed.Upstream.ReleaseFetches();

        await Eventually.TrueAsync(() => bed.Upstream.For(7) == 1, "the first subscriber triggers one poll at once");
        await Eventually.TrueAsync(() => Volatile.Read(ref received) == 50, "every subscriber receives the first snapshot");
        await bed.AdvanceAsync(TimeSpan.FromSeconds(4));
        Assert.Equal(1, bed.Upstream.For(7));

        await bed.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(2, bed.Upstream.For(7));

        await bed.AdvanceAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(14, bed.Upstream.For(7));
        Assert.Equal(14 * 50, Volatile.Read(ref received));
        Assert.All(subscriptions, s => Assert.Equal("campaign 7 poll 14", s.Current.Value));
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Poller_NobodySubscribed_NeverPollsUpstream()
    {
        await using var bed = new LiveFeedTestBed();
        await bed.StartAsync();

        await bed.AdvanceAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(0, bed.Upstream.Total);
        Assert.True(bed.Store.Rounds >= 120);
    }

    [Fact]
    public async Task Dispose_LastSubscriber_StopsPolling()
    {
        await using var bed = new LiveFeedTestBed();
        await bed.StartAsync();
        var first = bed.Store.Subscribe(new CounterKey(1), _ => Task.CompletedTask);
        var second = bed.Store.Subscribe(new CounterKey(1), _ => Task.CompletedTask);
        await Eventually.TrueAsync(() => bed.Upstream.For(1) == 1, "first poll");

        first.Dispose();
        await bed.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, bed.Upstream.For(1));

        second.Dispose();
        await bed.AdvanceAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, bed.Upstream.For(1));
        Assert.Equal(0, bed.Store.SubscriberCount(new CounterKey(1)));
    }

    [Fact]
    public async Task KeyedFeeds_SubscribersOnThreeKeys_OnePollPerKeyPerInterval()
    {
        await using var bed = new LiveFeedTestBed();
        await bed.StartAsync();
        var subscriptions = new[] { 1, 2, 3 }
            .SelectMany(id => Enumerable.Range(0, 20).Select(_ => bed.Store.Subscribe(new CounterKey(id), _ => Task.CompletedTask)))
            .ToList();
        await Eventually.TrueAsync(() => bed.Upstream.Total == 3, "one first poll per key");

        await bed.AdvanceAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(13, bed.Upstream.For(1));
        Assert.Equal(13, bed.Upstream.For(2));
        Assert.Equal(13, bed.Upstream.For(3));
        Assert.Equal(0, bed.Upstream.For(4));
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Subscribe_AgainWhileSnapshotIsFresh_ReusesItWithoutPolling()
    {
        await using var bed = new LiveFeedTestBed();
        await bed.StartAsync();
        var first = bed.Store.Subscribe(new CounterKey(5), _ => Task.CompletedTask);
        await Eventually.TrueAsync(() => bed.Upstream.For(5) == 1, "first poll");
        await bed.Store.WhenIdleAsync();
        first.Dispose();
        await bed.AdvanceAsync(TimeSpan.FromSeconds(2));

        using var second = bed.Store.Subscribe(new CounterKey(5), _ => Task.CompletedTask);
        await bed.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(1, bed.Upstream.For(5));
        Assert.Equal("campaign 5 poll 1", second.Current.Value);
    }

    [Fact]
    public async Task Poll_FailureSaysWhenToComeBackSoonerThanTheInterval_PollsAgainThen()
    {
        await using var bed = new LiveFeedTestBed();
        await bed.StartAsync();
        using var subscription = bed.Store.Subscribe(new CounterKey(3), _ => Task.CompletedTask);
        await Eventually.TrueAsync(() => bed.Upstream.For(3) == 1, "first poll");

        // An open circuit breaker: nothing was sent, and it lets a request through again in 2 s.
        bed.Upstream.FailWith = s_unreachable with { RetryAfter = TimeSpan.FromSeconds(2) };
        await bed.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, bed.Upstream.For(3));

        bed.Upstream.FailWith = null;
        await bed.AdvanceAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(3, bed.Upstream.For(3));
        Assert.Null(subscription.Current.Error);
    }

    [Fact]
    public async Task Poll_RateLimitedWithALongerRetryAfter_WaitsForItInsteadOfTheInterval()
    {
        await using var bed = new LiveFeedTestBed();
        await bed.StartAsync();
        using var subscription = bed.Store.Subscribe(new CounterKey(4), _ => Task.CompletedTask);
        await Eventually.TrueAsync(() => bed.Upstream.For(4) == 1, "first poll");

        bed.Upstream.FailWith = new OsviError(OsviErrorKind.RateLimited, 429, "Rate limit exceeded", [], TimeSpan.FromSeconds(30));
        await bed.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, bed.Upstream.For(4));

        bed.Upstream.FailWith = null;
        await bed.AdvanceAsync(TimeSpan.FromSeconds(25));
        Assert.Equal(2, bed.Upstream.For(4));
        await bed.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(3, bed.Upstream.For(4));
        Assert.Null(subscription.Current.Error);
    }

    [Fact]
    public async Task Poll_FailureAfterSuccess_KeepsLastValueAndReportsError()
    {
        await using var bed = new LiveFeedTestBed();
        await bed.StartAsync();
        using var subscription = bed.Store.Subscribe(new CounterKey(9), _ => Task.CompletedTask);
        await Eventually.TrueAsync(() => subscription.Current.HasValue, "first value");
        var updatedAt = subscription.Current.UpdatedAt;

        bed.Upstream.FailWith = s_unreachable;
        await bed.AdvanceAsync(TimeSpan.FromSeconds(5));

        var snapshot = subscription.Current;
        Assert.Equal("campaign 9 poll 1", snapshot.Value);
        Assert.Equal(updatedAt, snapshot.UpdatedAt);
        Assert.Equal(OsviErrorKind.Unreachable, snapshot.Error?.Kind);
        Assert.Equal(bed.Time.GetUtcNow(), snapshot.CheckedAt);
        Assert.Single(bed.Logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);

        bed.Upstream.FailWith = null;
        await bed.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Null(subscription.Current.Error);
        Assert.Equal("campaign 9 poll 3", subscription.Current.Value);
        Assert.Contains(bed.Logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Information && r.Message.Contains("recovered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Notify_OneSubscriberThrows_OthersStillReceiveUpdates()
    {
        await using var bed = new LiveFeedTestBed();
        await bed.StartAsync();
        var healthy = 0;
        bed.Upstream.HoldFetches();
        using var failing = bed.Store.Subscribe(new SingletonKey(), _ => throw new InvalidOperationException("circuit gone"));
        using var working = bed.Store.Subscribe(new SingletonKey(), _ => { Interlocked.Increment(ref healthy); return Task.CompletedTask; });
        bed.Upstream.ReleaseFetches();
        await Eventually.TrueAsync(() => Volatile.Read(ref healthy) == 1, "first update");

        await bed.AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, Volatile.Read(ref healthy));
    }

    [Fact]
    public async Task RequestRefresh_WatchedFeed_PollsAtTheNextTick()
    {
        await using var bed = new LiveFeedTestBed();
        await bed.StartAsync();
        using var subscription = bed.Store.Subscribe(new CounterKey(3), _ => Task.CompletedTask);
        await Eventually.TrueAsync(() => bed.Upstream.For(3) == 1, "first poll");
        await bed.Store.WhenIdleAsync();

        bed.Store.RequestRefresh(new CounterKey(3));

        await Eventually.TrueAsync(() => bed.Upstream.For(3) == 2, "a refresh polls before the interval is over");
    }

    [Fact]
    public async Task RequestRefresh_UnwatchedFeed_DoesNotPoll()
    {
        await using var bed = new LiveFeedTestBed();
        await bed.StartAsync();

        bed.Store.RequestRefresh(new CounterKey(3));
        await bed.AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, bed.Upstream.Total);
    }

    [Fact]
    public async Task Poller_FeedUnwatchedLongerThanRetention_IsEvicted()
    {
        await using var bed = new LiveFeedTestBed(retention: TimeSpan.FromSeconds(30));
        await bed.StartAsync();
        var subscription = bed.Store.Subscribe(new CounterKey(2), _ => Task.CompletedTask);
        await Eventually.TrueAsync(() => bed.Upstream.For(2) == 1, "first poll");
        await bed.Store.WhenIdleAsync();
        subscription.Dispose();

        await bed.AdvanceAsync(TimeSpan.FromSeconds(31));

        Assert.Equal(0, bed.Store.EntryCount);
        Assert.True(bed.Store.Peek(new CounterKey(2)).IsPending);
    }

    [Fact]
    public async Task Subscribe_KeyWithoutRegisteredFeed_ThrowsWithRegistrationHint()
    {
        await using var bed = new LiveFeedTestBed();

        var exception = Assert.Throws<InvalidOperationException>(() => bed.Store.Subscribe(new UnregisteredKey(), _ => Task.CompletedTask));

        Assert.Contains("AddLiveFeed<UnregisteredKey", exception.Message, StringComparison.Ordinal);
    }

    private sealed record UnregisteredKey : LiveKey<int>;
}
