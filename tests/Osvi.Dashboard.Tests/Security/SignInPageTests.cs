using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Accounts;
using Osvi.Dashboard.Testing;
using Serilog.Events;

namespace Osvi.Dashboard.Tests.Security;

/// <summary>The sign-in page as the server renders it (it is a static page: the session cookie goes on its response),
/// and OpenID Connect configured only through settings: the scheme exists and the page offers it only when configured,
/// the secret comes from the environment, and missing keys stop start-up by name.</summary>
public sealed class SignInPageTests
{
    private static readonly CancellationToken s_ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignInPage_DemoMode_DemoBannerAndEveryDemoAccountWithItsPassword()
    {
        await using var factory = new DashboardFactory().UseDemoMode();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await client.GetStringAsync("/account/sign-in", s_ct);

        Assert.Contains("id=\"demo-banner\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"demo-accounts\"", page, StringComparison.Ordinal);
        Assert.All(DemoAccounts.All, account =>
        {
            Assert.Contains($"<code>{account.UserName}</code>", page, StringComparison.Ordinal);
            Assert.Contains($"<code>{account.Password}</code>", page, StringComparison.Ordinal);
        });
        Assert.DoesNotContain("sign-in-external", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_LiveMode_NoDemoBannerNoDemoCredentialsNoIdentityProviderButton()
    {
        await using var factory = new DashboardFactory();
        await factory.CreateAccountAsync("root", DashboardRoles.Admin);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await client.GetStringAsync("/account/sign-in", s_ct);

        Assert.Contains("id=\"sign-in-user\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-banner", page, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-accounts", page, StringComparison.Ordinal);
        Assert.All(DemoAccounts.All, account => Assert.DoesNotContain(account.Password, page, StringComparison.Ordinal));
        Assert.DoesNotContain("sign-in-external", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"no-account\"", page, StringComparison.Ordinal);
        Assert.Null(await factory.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(DashboardAuthentication.OidcScheme));
    }

    [Fact]
    public async Task Oidc_ConfiguredThroughSettings_SchemeRegisteredWithTheSettingsAndTheSecretFromTheEnvironmentAndOffered()
    {
        const string secretVariable = "Dashboard__Security__Oidc__ClientSecret";
        const string secret = "oidc-secret-from-the-environment";
        Environment.SetEnvironmentVariable(secretVariable, secret);
        try
        {
            await using var factory = new DashboardFactory()
                .WithSetting(DashboardConfigNames.Oidc + ":Authority", "https://login.example.com/realms/ops")
                .WithSetting(DashboardConfigNames.Oidc + ":ClientId", "osvi-dashboard")
                .WithSetting(DashboardConfigNames.Oidc + ":RoleClaim", "roles")
                .WithSetting(DashboardConfigNames.Oidc + ":DisplayName", "Acme SSO");
            using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

            var page = await client.GetStringAsync("/account/sign-in", s_ct);
            var scheme = await factory.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(DashboardAuthentication.OidcScheme);
            var options = factory.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(DashboardAuthentication.OidcScheme);

            Assert.NotNull(scheme);
            Assert.Equal(typeof(OpenIdConnectHandler), scheme.HandlerType);
            Assert.Equal(("https://login.example.com/realms/ops", "osvi-dashboard", secret), (options.Authority, options.ClientId, options.ClientSecret));
            Assert.Equal(("code", true, "roles"), (options.ResponseType, options.UsePkce, options.TokenValidationParameters.RoleClaimType));
            Assert.Contains("id=\"sign-in-external\"", page, StringComparison.Ordinal);
            Assert.Contains("Sign in with Acme SSO", page, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
            Assert.DoesNotContain(factory.Logs.Messages(LogEventLevel.Verbose), message => message.Contains(secret, StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(secretVariable, null);
        }
    }

    [Fact]
    public async Task Oidc_AuthorityWithoutClientId_StartUpStopsNamingTheMissingKey()
    {
        await using var factory = new DashboardFactory().WithSetting(DashboardConfigNames.Oidc + ":Authority", "https://login.example.com/realms/ops");

        Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(factory.Logs.Messages(LogEventLevel.Error),
            message => message.Contains("Dashboard:Security:Oidc:ClientId is required when Dashboard:Security:Oidc:Authority is set", StringComparison.Ordinal));
    }
}
