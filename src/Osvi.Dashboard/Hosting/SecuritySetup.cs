using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Data;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Accounts;
using Osvi.Dashboard.Security.Authorization;
using Osvi.Dashboard.Security.Kiosk;
using Osvi.Dashboard.Security.Oidc;

namespace Osvi.Dashboard.Hosting;

internal static class SecuritySetup
{
    /// <summary>Accounts (ASP.NET Core Identity in the dashboard database), the staff and kiosk cookies, OpenID Connect
    /// when configured, the authorization policies (a fallback policy makes every route need a signed-in user unless it
    /// says otherwise), the circuit's revalidating authentication state, antiforgery, HSTS and forwarded headers.</summary>
    public static WebApplicationBuilder AddDashboardSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var oidc = builder.Configuration.GetSection(DashboardConfigNames.Oidc).Get<OidcSignInOptions>() ?? new();

        services.AddIdentityCore<DashboardAccount>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordNotUserNameValidator>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<DashboardOptions>>((identity, dashboard) =>
        {
            var security = dashboard.Value.Security;
            identity.Password.RequiredLength = security.PasswordMinLength;
            identity.Password.RequiredUniqueChars = 5;
            identity.Password.RequireDigit = false;
            identity.Password.RequireLowercase = false;
            identity.Password.RequireUppercase = false;
            identity.Password.RequireNonAlphanumeric = false;
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = security.MaxFailedSignIns;
            identity.Lockout.DefaultLockoutTimeSpan = security.LockoutDuration;
            identity.SignIn.RequireConfirmedAccount = false;
            identity.User.RequireUniqueEmail = false;
        });
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<DashboardOptions>>((validator, dashboard) =>
            validator.ValidationInterval = dashboard.Value.Security.RevalidationInterval);

        var authentication = services.AddAuthentication(options => options.DefaultScheme = DashboardAuthentication.Scheme)
            .AddPolicyScheme(DashboardAuthentication.Scheme, "Staff or kiosk", options =>
                options.ForwardDefaultSelector = context =>
                    !context.Request.Cookies.ContainsKey(DashboardAuthentication.SessionCookie) && context.Request.Cookies.ContainsKey(DashboardAuthentication.KioskCookie)
                        ? DashboardAuthentication.KioskScheme
                        : IdentityConstants.ApplicationScheme);
        authentication.AddIdentityCookies();
        authentication.AddCookie(DashboardAuthentication.KioskScheme, options =>
        {
            options.Cookie.Name = DashboardAuthentication.KioskCookie;
            // A wallboard runs for weeks: no idle timeout; the link's revocation or expiry ends it (checked each request).
            options.ExpireTimeSpan = TimeSpan.FromDays(400);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = ValidateKioskAsync;
            ConfigureCookie(options);
        });
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = DashboardAuthentication.SessionCookie;
            options.SlidingExpiration = true;
            ConfigureCookie(options);
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IOptions<DashboardOptions>>((cookie, dashboard) =>
            cookie.ExpireTimeSpan = dashboard.Value.Security.SessionIdleTimeout);
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, options =>
        {
            options.Cookie.Name = DashboardAuthentication.ExternalCookie;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        if (oidc.IsEnabled)
        {
            authentication.AddOpenIdConnect(DashboardAuthentication.OidcScheme, oidc.DisplayName, _ => { });
            services.AddOptions<OpenIdConnectOptions>(DashboardAuthentication.OidcScheme).Configure<IOptions<DashboardOptions>>((options, dashboard) =>
                OidcSetup.Configure(options, dashboard.Value.Security.Oidc));
        }

        services.AddSingleton<IAuthorizationHandler, DashboardAuthorizationHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, RefusalLoggingResultHandler>();
        DashboardPolicies.Add(services.AddAuthorizationBuilder());

        services.AddScoped<AuthenticationStateProvider, DashboardAuthenticationStateProvider>();
        services.AddSingleton<KioskLinkStore>();
        services.AddScoped<AccountEvents>();
        services.AddScoped<AccountSignIn>();
        services.AddScoped<ExternalSignIn>();

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = DashboardAuthentication.AntiforgeryCookie;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The security headers send X-Frame-Options: DENY (and frame-ancestors 'none') on every response.
            options.SuppressXFrameOptionsHeader = true;
        });
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<DashboardOptions>>((forwarded, dashboard) =>
            ConfigureForwardedHeaders(forwarded, dashboard.Value.ReverseProxy));
        return builder;
    }

    /// <summary>The security middleware in its place: forwarded headers first (so the scheme and client address are
    /// right for everything after), then the headers every response carries, HSTS on HTTPS.</summary>
    public static WebApplication UseDashboardSecurityHeaders(this WebApplication app)
    {
        // Raw configuration here: validated options are read at start, where invalid values end the process cleanly.
        var proxy = app.Configuration.GetSection(DashboardConfigNames.ReverseProxy).Get<ReverseProxyOptions>() ?? new();
        if (proxy.Enabled)
        {
            app.UseForwardedHeaders();
        }

        var oidc = app.Configuration.GetSection(DashboardConfigNames.Oidc).Get<OidcSignInOptions>() ?? new();
        var identityProvider = oidc.IsEnabled && Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority)
            ? authority.GetLeftPart(UriPartial.Authority)
            : null;
        app.UseMiddleware<SecurityHeadersMiddleware>(new SecurityHeadersSettings(identityProvider));
        app.UseHsts();
        return app;
    }

    /// <summary>Prepares accounts at start-up (after the database migrations).</summary>
    public static Task InitializeDashboardSecurityAsync(this WebApplication app) => AccountSeeder.SeedAsync(app.Services);

    private static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.Cookie.HttpOnly = true;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.LoginPath = DashboardAuthentication.SignInPath;
        options.LogoutPath = DashboardAuthentication.SignOutPath;
        options.AccessDeniedPath = DashboardAuthentication.AccessDeniedPath;
        options.ReturnUrlParameter = DashboardAuthentication.ReturnUrlParameter;
        // A browser asking for a page goes to the sign-in page; endpoints, the Blazor hub and scripts get a status code.
        options.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (DashboardAuthentication.IsPageRequest(context.HttpContext))
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            // A bare status for endpoints and scripts: the shell's status code pages (its "not found" page) must not
            // turn it into a page (or, for a kiosk, into a redirect).
            context.HttpContext.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }

    private static async Task ValidateKioskAsync(CookieValidatePrincipalContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<KioskLinkStore>();
        if (context.Principal is null || !await store.IsActiveAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(DashboardAuthentication.KioskScheme);
        }
    }

    private static void ConfigureForwardedHeaders(ForwardedHeadersOptions forwarded, ReverseProxyOptions proxy)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.ForwardLimit = 1;
        if (proxy.KnownProxies.Count == 0 && proxy.KnownNetworks.Count == 0)
        {
            return;   // loopback only (the defaults)
        }

        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var address in proxy.KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(address));
        }

        foreach (var network in proxy.KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}

/// <summary>A password must not contain the user name.</summary>
internal sealed class PasswordNotUserNameValidator : IPasswordValidator<DashboardAccount>
{
    public Task<IdentityResult> ValidateAsync(UserManager<DashboardAccount> manager, DashboardAccount user, string? password) =>
        Task.FromResult(!string.IsNullOrEmpty(user.UserName) && password?.Contains(user.UserName, StringComparison.OrdinalIgnoreCase) == true
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordContainsUserName", Description = "The password must not contain the user name." })
            : IdentityResult.Success);
}
