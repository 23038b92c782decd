using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Testing;

namespace Osvi.Benchmarks;

/// <summary>
/// <c>campaign-viewers</c>: N viewers of one campaign for S seconds at an I-second poll interval, counting the campaign
/// status requests that reach the simulator (goal: ≤ 13 for 200 viewers, 60 s, 5 s, where polling per viewer would send
/// 200 × 60 / 5 = 2,400). The real dashboard host runs in this process against the in-memory simulator; each viewer is a
/// subscriber of the shared live feed, exactly what a campaign page, the campaigns list and a wallboard tile hold per
/// circuit (<c>ILiveData.Subscribe(new CampaignStatusKey(id))</c>). Viewers join spread over the first interval, as
/// browsers do. The clock is the real one: the run takes S seconds of wall time. Requests are counted by the simulator
/// itself (its <c>/_simulator/requests</c> counter), so nothing on the dashboard side can under-count them.
/// Options: <c>--viewers 200</c>, <c>--seconds 60</c>, <c>--interval 5</c>, <c>--campaign 7</c>.
/// </summary>
internal static class CampaignViewersBenchmark
{
    public const string Description = "N viewers of one campaign, upstream status requests (--viewers 200 --seconds 60 --interval 5)";

    private const string StatusRoute = "/v1/campaigns/{id}/status";

    public static async Task<int> RunAsync(string[] args)
    {
        var viewers = Options.Int(args, "--viewers", 200);
        var seconds = Options.Int(args, "--seconds", 60);
        var interval = Options.Int(args, "--interval", 5);
        var campaign = Options.Int(args, "--campaign", 7);
        var goal = (int)Math.Ceiling((double)seconds / interval) + 1;

        // WebApplicationFactory finds the hosts' content roots through a manifest it reads from the working directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        await using var factory = new DashboardFactory();
        factory.WithSetting(DashboardConfigNames.LiveIntervals + ":CampaignStatus", TimeSpan.FromSeconds(interval).ToString("c", CultureInfo.InvariantCulture))
            .WithSetting("Serilog:MinimumLevel:Default", "Warning");
        var live = factory.Services.GetRequiredService<ILiveData>();
        using var admin = SimulatorAdmin.For(factory);
        await admin.ResetRequestsAsync();
        Console.WriteLine($"campaign-viewers: {viewers} viewers of campaign {campaign} for {seconds} s, poll interval {interval} s, real clock; per-viewer polling would send {viewers * seconds / interval:N0} requests");

        var updates = new int[viewers];
        var subscriptions = new ILiveSubscription<CampaignProgress>[viewers];
        var watch = Stopwatch.StartNew();
        for (var viewer = 0; viewer < viewers; viewer++)
        {
            // Join spread over the first interval.
            var joinAt = TimeSpan.FromSeconds((double)interval * viewer / viewers);
            if (joinAt > watch.Elapsed)
            {
                await Task.Delay(joinAt - watch.Elapsed);
            }

            var index = viewer;
            subscriptions[viewer] = live.Subscribe(new CampaignStatusKey(campaign), snapshot =>
            {
                if (snapshot.HasValue)
                {
                    Interlocked.Increment(ref updates[index]);
                }

                return Task.CompletedTask;
            });
        }

        var remaining = TimeSpan.FromSeconds(seconds) - watch.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        var requests = await admin.RequestCountAsync("GET", StatusRoute);
        var elapsed = watch.Elapsed;
        var withValue = subscriptions.Count(subscription => subscription.Current.HasValue);
        var lastUpdate = subscriptions[0].Current.UpdatedAt;
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }

        // Nobody watches any more: no request for two intervals.
        await Task.Delay(TimeSpan.FromSeconds(interval * 2));
        var afterwards = await admin.RequestCountAsync("GET", StatusRoute) - requests;
        var allUpstream = factory.UpstreamRequests.Requests.Count;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"status requests at the simulator: {requests} in {elapsed.TotalSeconds:F1} s (goal ≤ {goal}); every upstream request of the host: {allUpstream}"));
        Console.WriteLine($"viewers with numbers: {withValue}/{viewers}; updates per viewer: min {updates.Min()}, max {updates.Max()}; last update {lastUpdate:HH:mm:ss}");
        Console.WriteLine($"status requests in the {interval * 2} s after the last viewer left: {afterwards}");
        var pass = requests <= goal && withValue == viewers && updates.Min() >= 1 && afterwards == 0;
        Console.WriteLine(pass ? $"PASS (goal ≤ {goal} status requests, every viewer updated, none after they left)" : $"FAIL (goal ≤ {goal} status requests, every viewer updated, none after they left)");
        return pass ? 0 : 1;
    }
}
