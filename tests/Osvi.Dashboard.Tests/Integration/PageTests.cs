using System.Net;
using Osvi.Dashboard.Components.Layout;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Testing;
using Osvi.Simulator;

namespace Osvi.Dashboard.Tests.Integration;

/// <summary>What the server sends for each page (the app shell; components render over the circuit).</summary>
public sealed class PageTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    public static TheoryData<string> Routes => [.. NavigationItems.All.Select(item => "/" + item.Href)];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Get_EveryMenuRoute_ServesTheShellWithoutTheToken(string route)
    {
        using var client = factory.CreateClientAs(DashboardRoles.Admin);

        using var response = await client.GetAsync(route, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("_framework/blazor.web", html, StringComparison.Ordinal);
        Assert.Contains("id=\"components-reconnect-modal\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(SimulatorDefaults.PrimaryToken, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownRoute_Returns404WithTheShell()
    {
        using var client = factory.CreateClientAs(DashboardRoles.Viewer);

        using var response = await client.GetAsync("/no/such/page", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("_framework/blazor.web", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ThemeCookie_PaintsTheRememberedThemeBeforeTheCircuitStarts()
    {
        using var client = factory.CreateClientAs(DashboardRoles.Viewer);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", "osvi-theme=dark");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("<html lang=\"en\" class=\"osvi-theme-dark\"", html, StringComparison.Ordinal);
    }
}
