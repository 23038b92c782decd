namespace Osvi.Simulator.Time;

/// <summary>
/// The simulated clock: the injected <see cref="TimeProvider"/> scaled by a speed factor, plus manual advances. At
/// speed 1 (the default) it is the host clock; tests swap in a <c>FakeTimeProvider</c> and move it by hand.
/// </summary>
public sealed class SimulatorClock
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private volatile Anchor _anchor;

    /// <summary>Creates the clock at the host's current time.</summary>
    public SimulatorClock(TimeProvider time, double speed)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        var now = time.GetUtcNow();
        _anchor = new Anchor(now, now, CheckSpeed(speed));
    }

    /// <summary>The unscaled host clock (used where wall time matters, e.g. presigned URL expiry).</summary>
    public TimeProvider HostTime => _time;

    /// <summary>Simulated seconds per host second.</summary>
    public double Speed => _anchor.Speed;

    /// <summary>The simulated now, in UTC.</summary>
    public DateTimeOffset UtcNow => _anchor.At(_time.GetUtcNow());

    /// <summary>Changes the speed from now on (the simulated time does not jump).</summary>
    public void SetSpeed(double speed)
    {
        var checkedSpeed = CheckSpeed(speed);
        lock (_gate)
        {
            var real = _time.GetUtcNow();
            _anchor = new Anchor(real, _anchor.At(real), checkedSpeed);
        }
    }

    /// <summary>Moves the simulated time forward.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate)
        {
            var current = _anchor;
            _anchor = current with { Simulated = current.Simulated + by };
        }
    }

    private static double CheckSpeed(double speed) =>
        double.IsFinite(speed) && speed is > 0 and <= 100_000 ? speed : throw new ArgumentOutOfRangeException(nameof(speed), speed, "Clock speed must be > 0 and ≤ 100000.");

    private sealed record Anchor(DateTimeOffset Real, DateTimeOffset Simulated, double Speed)
    {
        public DateTimeOffset At(DateTimeOffset real) => Simulated + TimeSpan.FromTicks((long)((real - Real).Ticks * Speed));
    }
}
