using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Connection;
using Osvi.Dashboard.Services.Overview;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Tests.Support;
using Osvi.Simulator;

namespace Osvi.Dashboard.Tests.Integration;

/// <summary>The token and presigned URLs never reach the logs: checked on everything the real host writes.</summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task Logs_SecretsPassedAsProperties_AreRedactedInEveryEvent()
    {
        await using var factory = new DashboardFactory();
        var logger = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Test");
        const string presigned = "https://bucket.s3.amazonaws.com/rec.mp4?X-Amz-Signature=c0ffee&X-Amz-Expires=900";

#pragma warning disable CA1848, CA2254 // a deliberately careless log line
        logger.LogWarning("Careless {Header} to {Url} with {Items}", "API-Token: " + SimulatorDefaults.PrimaryToken, presigned, new[] { SimulatorDefaults.PrimaryToken });
#pragma warning restore CA1848, CA2254

        var text = factory.Logs.Text;
        Assert.Contains("API-Token: [redacted]", text, StringComparison.Ordinal);
        Assert.Contains("https://bucket.s3.amazonaws.com/rec.mp4?[redacted]", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SimulatorDefaults.PrimaryToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain("c0ffee", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_OsviCallsSucceedAndFail_NeverContainTheToken()
    {
        await using var working = new DashboardFactory();
        const string wrongToken = "wrong-token-0000";
        await using var rejected = new DashboardFactory().WithSetting(DashboardConfigNames.OsviApiToken, wrongToken);
        const string unreachableToken = "unreachable-0000";
        await using var unreachable = new DashboardFactory()
            .WithoutSimulatorRouting()
            .WithSetting(DashboardConfigNames.OsviBaseUrl, "http://127.0.0.1:9/")
            .WithSetting(DashboardConfigNames.OsviApiToken, unreachableToken)
            .WithSetting("OsviApi:MaxRetries", "0");
        foreach (var factory in new[] { working, rejected, unreachable })
        {
            using var client = factory.CreateClientAs(DashboardRoles.Operator);
            await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
            await WatchShellFeedsAsync(factory);
            await client.GetAsync("/", TestContext.Current.CancellationToken);
        }

        Assert.Contains(working.UpstreamRequests.Requests, r => r.HadToken && r.StatusCode == 200);
        Assert.Contains(rejected.UpstreamRequests.Requests, r => r.HadToken);
        Assert.DoesNotContain(SimulatorDefaults.PrimaryToken, working.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongToken, rejected.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(unreachableToken, unreachable.Logs.Text, StringComparison.Ordinal);
        Assert.Contains("Unreachable", unreachable.Logs.Text, StringComparison.Ordinal);
    }

    // Subscribing is what a browser on the Overview does: the shared poller then calls OSVI for each feed.
    private static async Task WatchShellFeedsAsync(DashboardFactory factory)
    {
        var live = factory.Services.GetRequiredService<ILiveData>();
        using var connection = live.Subscribe(OsviConnectionKey.Instance, _ => Task.CompletedTask);
        using var agents = live.Subscribe(ActiveAgentsKey.Instance, _ => Task.CompletedTask);
        using var calls = live.Subscribe(CallsTodayKey.Instance, _ => Task.CompletedTask);
        await Eventually.TrueAsync(() => !connection.Current.IsPending && !agents.Current.IsPending && !calls.Current.IsPending,
            "every shell feed has been polled once", timeoutMs: 30000);
    }
}
