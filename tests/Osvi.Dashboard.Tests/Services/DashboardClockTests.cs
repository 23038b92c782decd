using Microsoft.Extensions.Time.Testing;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Services;

public sealed class DashboardClockTests
{
    [Fact]
    public void Today_AroundIstMidnight_RollsOverAtMidnightInKolkataNotUtc()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 11, 18, 29, 0, TimeSpan.Zero));
        var clock = TestOptions.Clock(time);

        Assert.Equal(new DateOnly(2026, 6, 11), clock.Today);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new DateOnly(2026, 6, 12), clock.Today);
        Assert.Equal(TimeSpan.FromHours(5.5), clock.Now.Offset);
    }

    [Fact]
    public void DayBounds_ZoneWithDaylightSaving_UsesThatDaysOffset()
    {
        var clock = TestOptions.Clock(new FakeTimeProvider(), "America/New_York");

        Assert.Equal(("2026-01-15T00:00:00-05:00", "2026-01-15T23:59:59-05:00"), clock.DayBounds(new DateOnly(2026, 1, 15)));
        Assert.Equal(("2026-07-15T00:00:00-04:00", "2026-07-15T23:59:59-04:00"), clock.DayBounds(new DateOnly(2026, 7, 15)));
    }
}
