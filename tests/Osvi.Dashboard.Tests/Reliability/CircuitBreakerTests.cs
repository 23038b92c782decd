using Microsoft.Extensions.DependencyInjection;
using Osvi.Client;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Reliability;

/// <summary>While OSVI is down the dashboard's circuit breaker stops it hammering OSVI (requests counted at the
/// simulator), watchers keep the last good data marked as failing, and the feed recovers by itself once OSVI answers.</summary>
public sealed class CircuitBreakerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OsviDown_BreakerHoldsRequestsBack_LastValueKept_RecoversAfterTheFault()
    {
        var interval = TimeSpan.FromSeconds(1);
        await using var factory = new DashboardFactory()
            .WithSetting(DashboardConfigNames.LiveInterval, "00:00:01")
            .WithSetting(DashboardConfigNames.LiveTick, "00:00:00.100")
            .WithSetting("OsviApi:MaxRetries", "1")
            .WithSetting("OsviApi:RetryBaseDelay", "00:00:00")
            .WithSetting("OsviApi:CircuitBreakerMinimumThroughput", "4")
            .WithSetting("OsviApi:CircuitBreakerBreakDuration", "00:00:05");
        using var admin = SimulatorAdmin.For(factory);
        var live = factory.Services.GetRequiredService<ILiveData>();
        LiveSnapshot<IReadOnlyList<AgentView>>? latest = null;
        using var subscription = live.Subscribe(ActiveAgentsKey.Instance, snapshot => { latest = snapshot; return Task.CompletedTask; });
        await Eventually.TrueAsync(() => latest is { Value.Count: > 0, Error: null }, "the first poll", 10_000);
        var agents = latest!.Value;

        await admin.AddFaultAsync(new { kind = "error", path_prefix = "/v1" }, Ct);
        var before = await admin.RequestCountAsync("GET", "/v1/active_agents", Ct);
        var down = TimeSpan.FromSeconds(12);
        await Task.Delay(down, Ct);
        var whileDown = await admin.RequestCountAsync("GET", "/v1/active_agents", Ct) - before;
        var failing = latest;

        // Without a breaker: a poll a second, each tried twice (24 requests in 12 s). The breaker opens after 4 failed
        // requests and then lets one probe through per 5 s break.
        var unguarded = (long)(down / interval) * 2;
        Assert.InRange(whileDown, 1, unguarded / 2);
        Assert.NotNull(failing!.Error);
        Assert.Contains(failing.Error.Kind, new[] { OsviErrorKind.Unreachable, OsviErrorKind.ServerError });
        // The last good list stays (a poll may have refreshed it just before the fault began, so compare contents).
        Assert.Equal(agents, failing.Value);

        await admin.ClearFaultsAsync(Ct);
        var cleared = DateTimeOffset.UtcNow;
        await Eventually.TrueAsync(() => latest is { Error: null } && latest.UpdatedAt > cleared, "recovery after the fault", 10_000);
        Assert.True(DateTimeOffset.UtcNow - cleared <= TimeSpan.FromSeconds(5) + interval + TimeSpan.FromSeconds(2),
            $"recovered after {DateTimeOffset.UtcNow - cleared}");
    }
}
