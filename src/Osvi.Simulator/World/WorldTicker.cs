namespace Osvi.Simulator.World;

/// <summary>
/// Moves the world along when nobody is asking (calls end, queues drain, webhooks fire) by ticking on the injected
/// <see cref="TimeProvider"/>: every 250 ms of host time, or whenever a test's fake clock is advanced past a tick.
/// </summary>
internal sealed class WorldTicker(SimulatorWorld world, TimeProvider time, ILogger<WorldTicker> logger) : BackgroundService
{
    private static readonly TimeSpan s_period = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    world.Tick();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A bug in one event must not stop the world for the rest of the run.
                    logger.LogError(ex, "World tick failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
