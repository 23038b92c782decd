using Bunit;
using Osvi.Client;
using Osvi.Dashboard.Components.Shell;
using Osvi.Dashboard.Services.Connection;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Components.Tests.Shell;

public sealed class ConnectionIndicatorTests : OsviTestContext
{
    [Fact]
    public void Render_BeforeTheFirstProbe_SaysItIsChecking()
    {
        var cut = Render<ConnectionIndicator>();

        Assert.Equal("checking", cut.Find("#osvi-connection").GetAttribute("data-state"));
        Assert.Contains("Checking OSVI", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(1, Live.SubscriberCount(OsviConnectionKey.Instance));
    }

    [Theory]
    [InlineData(ConnectionState.Reachable, 84, null, "reachable", "OSVI · 84 ms")]
    [InlineData(ConnectionState.Reachable, 1250, null, "reachable", "OSVI · 1.3 s")]
    [InlineData(ConnectionState.TokenRejected, 40, OsviErrorKind.Unauthorized, "token-rejected", "OSVI · token rejected")]
    [InlineData(ConnectionState.Degraded, 40, OsviErrorKind.RateLimited, "degraded", "OSVI · rate limited")]
    [InlineData(ConnectionState.Unreachable, null, OsviErrorKind.Unreachable, "unreachable", "OSVI unreachable")]
    public async Task Publish_Probe_ShowsStateAndLatency(ConnectionState state, int? latencyMs, OsviErrorKind? kind, string cssState, string text)
    {
        var cut = Render<ConnectionIndicator>();
        var error = kind is { } k ? new OsviError(k, null, "details", []) : null;

        await Live.PublishValueAsync(OsviConnectionKey.Instance,
            new OsviConnection(state, latencyMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null, error));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(cssState, cut.Find("#osvi-connection").GetAttribute("data-state"));
            Assert.Equal(text, cut.Find("#osvi-connection").TextContent.Trim());
        });
    }

    [Fact]
    public async Task Dispose_Component_EndsItsSubscription()
    {
        var cut = Render<ConnectionIndicator>();

        await cut.Instance.DisposeAsync();

        Assert.Equal(0, Live.SubscriberCount(OsviConnectionKey.Instance));
    }

    [Fact]
    public async Task Publish_Failure_DetailIsTheTooltipAndTheStatusDescription()
    {
        var cut = Render<ConnectionIndicator>();
        Assert.Equal("Contacting OSVI…", cut.Find("#osvi-connection").GetAttribute("data-osvi-tip"));

        await Live.PublishValueAsync(OsviConnectionKey.Instance,
            new OsviConnection(ConnectionState.Degraded, TimeSpan.FromMilliseconds(40), new OsviError(OsviErrorKind.RateLimited, null, "slow down", [])));

        cut.WaitForAssertion(() => Assert.Contains("slow down", cut.Find("#osvi-connection").GetAttribute("data-osvi-tip"), StringComparison.Ordinal));
        var status = cut.Find("#osvi-connection");
        var description = cut.Find("#" + status.GetAttribute("aria-describedby"));
        Assert.Equal(status.GetAttribute("data-osvi-tip"), description.TextContent.Trim());
        // Outside the live region: the "checked at" time changes with every probe and must not be announced each time.
        Assert.Null(description.Closest("[aria-live]"));
        Assert.Empty(cut.FindComponents<MudBlazor.MudTooltip>());
    }
}
