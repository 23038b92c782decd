namespace Osvi.Dashboard.Tests.Support;

/// <summary>Waits (in real time) for something a background loop does.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string because, int timeoutMs = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting: {because}");
            }

            await Task.Delay(10);
        }
    }
}
