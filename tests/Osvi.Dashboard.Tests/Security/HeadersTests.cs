using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Accounts;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Tests.Security;

/// <summary>Security headers on every kind of response, cookie flags, HSTS on HTTPS only, antiforgery on form posts.</summary>
public sealed class HeadersTests(HeadersTests.DemoFactory factory) : IClassFixture<HeadersTests.DemoFactory>
{
    /// <summary>Demo mode, so the demo accounts exist for real sign-ins.</summary>
    public sealed class DemoFactory : DashboardFactory
    {
        public DemoFactory() => UseDemoMode();
    }

    public static TheoryData<string, string?> Responses => new()
    {
        { "/account/sign-in", null },                    // a static page, anonymous
        { "/", DashboardRoles.Operator },                // an interactive page
        { "/healthz", null },                            // an endpoint
        { "/app.css", null },                            // a static file
        { "/no/such/page", DashboardRoles.Viewer },      // a 404
        { "/audit/export.csv", DashboardRoles.Admin },   // a download
        { "/audit/export.csv", DashboardRoles.Viewer },  // a refusal
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Get_AnyResponse_CarriesTheSecurityHeaders(string path, string? role)
    {
        using var client = role is null ? factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }) : factory.CreateClientAs(role);

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[0-9A-F]{32}';", csp);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS only over HTTPS");
    }

    [Fact]
    public async Task Get_Page_TheImportMapCarriesTheNonceOfItsPolicy()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/account/sign-in", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var nonce = System.Text.RegularExpressions.Regex.Match(Assert.Single(response.Headers.GetValues("Content-Security-Policy")), "'nonce-([^']+)'").Groups[1].Value;
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<script(?![^>]*src=)"));
    }

    [Fact]
    public async Task Get_OverHttps_SendsHsts()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://dashboard.example.com"), AllowAutoRedirect = false });

        using var response = await client.GetAsync("/account/sign-in", TestContext.Current.CancellationToken);

        Assert.StartsWith("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://dashboard.example.com", false)]
    [InlineData("https://dashboard.example.com", true)]
    public async Task SignIn_SessionAndAntiforgeryCookies_AreHttpOnlySameSiteAndSecureOnHttps(string baseAddress, bool https)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false });
        using var form = await client.GetAsync("/account/sign-in", TestContext.Current.CancellationToken);
        var antiforgery = Assert.Single(form.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith(DashboardAuthentication.AntiforgeryCookie + "=", StringComparison.Ordinal));
        var demo = DemoAccounts.For(DashboardRoles.Viewer);

        using var signedIn = await DashboardFactory.SignInAsync(client, demo.UserName, demo.Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith(DashboardAuthentication.SessionCookie + "=", StringComparison.Ordinal));
        foreach (var cookie in new[] { antiforgery, session })
        {
            var flags = cookie.ToLowerInvariant();
            Assert.Contains("httponly", flags, StringComparison.Ordinal);
            Assert.Contains("samesite=", flags, StringComparison.Ordinal);
            Assert.Equal(https, flags.Contains("; secure", StringComparison.Ordinal));
        }

        Assert.Contains("samesite=lax", session.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.DoesNotContain("expires=", session.ToLowerInvariant(), StringComparison.Ordinal);   // a browser-session cookie
    }

    [Theory]
    [InlineData("/account/sign-in", "_handler=sign-in&Input.UserName=demo-admin&Input.Password=osvi-admin-demo")]
    [InlineData("/account/sign-out", "returnUrl=%2F")]
    [InlineData("/account/password", "_handler=change-password&Input.Current=a&Input.New=b&Input.Confirm=b")]
    public async Task Post_FormWithoutAntiforgeryToken_IsRejected(string path, string body)
    {
        using var client = factory.CreateClientAs(DashboardRoles.Admin);

        using var response = await client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        Assert.DoesNotContain(cookies, cookie => cookie.StartsWith(DashboardAuthentication.SessionCookie + "=", StringComparison.Ordinal));
    }
}
