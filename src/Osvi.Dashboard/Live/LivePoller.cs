using Microsoft.Extensions.Options;
using Osvi.Dashboard.Options;

namespace Osvi.Dashboard.Live;

/// <summary>The one background loop that polls OSVI for live feeds: every <c>Dashboard:Live:Tick</c> (and at once when
/// a feed gets its first subscriber) it starts the polls that are due. Time comes from the injected
/// <see cref="TimeProvider"/>, so tests drive it with a fake clock.</summary>
internal sealed class LivePoller(LiveDataStore store, TimeProvider time, IOptionsMonitor<DashboardOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.Live.Tick, time);
        Task<bool>? tick = null;
        Task<bool>? wake = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                _ = store.PollDueAsync(stoppingToken);
                tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
                wake ??= store.WaitForWakeAsync(stoppingToken);
                var fired = await Task.WhenAny(tick, wake);
                if (fired == tick)
                {
                    if (!await tick)
                    {
                        break;
                    }

                    tick = null;
                }
                else
                {
                    await wake;
                    wake = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await store.WhenIdleAsync();
    }
}
