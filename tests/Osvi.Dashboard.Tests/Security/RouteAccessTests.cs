using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Admin;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Security;

/// <summary>Every route of the real host, enumerated from its endpoints (so a new page or endpoint cannot forget):
/// anonymous requests are refused by the server, a kiosk reaches the wallboard and its circuit only, and only the
/// listed routes are anonymous at all.</summary>
public sealed class RouteAccessTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    // The only routes anyone may reach without signing in (besides static files). Adding [AllowAnonymous] anywhere
    // else fails Endpoints_AllowAnonymous_OnlyTheListedRoutes until it is added here, on purpose.
    private static readonly HashSet<string> s_anonymous =
    [
        "GET /healthz", "GET /readyz",
        "GET /account/sign-in", "POST /account/sign-in",
        "GET /account/access-denied", "POST /account/access-denied",
        "GET /kiosk", "POST /kiosk",
        "GET /error", "POST /error",
        "POST /account/sign-out", "POST /account/external", "GET /account/external/callback",
    ];

    [Fact]
    public void Endpoints_AllowAnonymous_OnlyTheListedRoutes()
    {
        var routes = Routes.Of(factory);

        var anonymous = routes.Where(route => route.AllowsAnonymous && !route.IsStaticAsset).Select(route => $"{route.Method} {route.Pattern}").ToHashSet();

        Assert.Equal(s_anonymous.Order(), anonymous.Order());
        Assert.All(routes.Where(route => route.IsStaticAsset), route => Assert.True(route.AllowsAnonymous, $"{route} should be anonymous"));
        Assert.True(routes.Count(route => route.IsStaticAsset) > 10, "static assets are enumerated");
    }

    [Fact]
    public void Endpoints_EveryComponentRoute_IsAnEndpointOfTheHost()
    {
        var patterns = Routes.Of(factory).Where(route => route.IsPage).Select(route => route.Pattern).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.All(Routes.ComponentRoutes(), route => Assert.Contains(route, patterns));
    }

    [Fact]
    public async Task Anonymous_EveryProtectedRoute_IsRefusedByTheServer()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var protectedRoutes = Routes.Of(factory).Where(route => !route.AllowsAnonymous).ToList();
        Assert.Contains(protectedRoutes, route => route.Pattern == "/_blazor");
        Assert.Contains(protectedRoutes, route => route.Pattern == "/audit/export.csv");
        Assert.Contains(protectedRoutes, route => route.Pattern == "/");

        var failures = new List<string>();
        foreach (var route in protectedRoutes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
            request.Headers.Add("Accept", "text/html");
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            // A page a browser asks for goes to the sign-in page; everything else gets a bare 401. (A path no endpoint
            // matches, such as a missing file, is an unknown address: also the sign-in page.)
            var toSignIn = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/account/sign-in?returnUrl=", StringComparison.Ordinal) == true;
            var refused = route.IsPage && route.Method == "GET" ? toSignIn : response.StatusCode == HttpStatusCode.Unauthorized || (toSignIn && !route.IsPage && route.Method == "GET" && route.Pattern.Contains("{", StringComparison.Ordinal));
            if (!refused)
            {
                failures.Add($"{route} ({route.Path}) answered {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("GET", "/audit/export.csv")]
    [InlineData("POST", "/_blazor/negotiate?negotiateVersion=1")]
    [InlineData("GET", "/_blazor/initializers")]
    public async Task Anonymous_Endpoint_Gets401NotARedirect(string method, string path)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_UnknownAddress_IsSentToSignInNotShownAPage()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no/such/page");
        request.Headers.Add("Accept", "text/html");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kiosk_EveryRoute_RefusedExceptTheWallboardItsCircuitAndPublicRoutes()
    {
        using var kiosk = await OpenKioskAsync();
        var failures = new List<string>();
        foreach (var route in Routes.Of(factory).Where(route => !route.AllowsAnonymous))
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
            using var response = await kiosk.SendAsync(request, TestContext.Current.CancellationToken);
            var wallboard = route.Pattern is "/monitor" or "/not-found" || route.Pattern.StartsWith("/_blazor", StringComparison.Ordinal);
            var status = (int)response.StatusCode;
            var ok = wallboard
                ? status is not (401 or 403) && !IsRedirectToAccount(response)
                : status == 403 || (route.IsPage && route.Method == "GET" && response.Headers.Location?.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) == true);
            if (!ok)
            {
                failures.Add($"{route} ({route.Path}) answered {status} {response.Headers.Location}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        using var wallboardPage = await kiosk.GetAsync("/monitor", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, wallboardPage.StatusCode);
    }

    [Fact]
    public async Task Viewer_AdministrationRoutes_Refused403AndLogged()
    {
        using var viewer = factory.CreateClientAs(DashboardRoles.Viewer, "vera");

        foreach (var path in new[] { "/audit", "/admin/users", "/admin/kiosk", "/admin/settings", "/audit/export.csv" })
        {
            using var response = await viewer.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) == true,
                $"{path}: {(int)response.StatusCode}");
        }

        using var page = await viewer.GetAsync("/calls", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(factory.Logs.Messages(Serilog.Events.LogEventLevel.Warning),
            message => message.Contains("/audit/export.csv", StringComparison.Ordinal) && message.Contains("vera", StringComparison.Ordinal) && message.Contains("ReadAuditLog", StringComparison.Ordinal));
    }

    private async Task<HttpClient> OpenKioskAsync()
    {
        CreatedKioskLink created;
        await using (var scope = factory.CreateScopeAs(DashboardRoles.Admin))
        {
            var result = await scope.ServiceProvider.GetRequiredService<IKioskAdministration>().CreateAsync("route test", null, TestContext.Current.CancellationToken);
            created = result.Value!;
        }

        var kiosk = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var opened = await kiosk.GetAsync("/" + created.RelativeUrl, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.EndsWith("/monitor", opened.Headers.Location?.OriginalString, StringComparison.Ordinal);
        return kiosk;
    }

    private static bool IsRedirectToAccount(HttpResponseMessage response) =>
        response.Headers.Location?.OriginalString.Contains("/account/", StringComparison.Ordinal) == true;
}
