using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Security;

namespace Osvi.Dashboard.Testing;

/// <summary>A test-only authentication scheme that <see cref="DashboardFactory"/> adds to the host it builds (never to
/// the product): a request carrying <see cref="Header"/> (<c>role</c> or <c>role:name</c>) is signed in as that role,
/// so integration tests act as a viewer, operator or admin without the sign-in form. Everything after authentication
/// (the fallback policy, page policies, the services' guard) is the product's own.</summary>
public static class TestAuthentication
{
    /// <summary>The scheme's name.</summary>
    public const string Scheme = "Test";

    /// <summary>The request header naming the role (and optionally the user name) to act as.</summary>
    public const string Header = "X-Osvi-Test-User";

    /// <summary>The principal of a role, as the test scheme and <see cref="DashboardFactory.CreateScopeAs"/> build it.</summary>
    public static ClaimsPrincipal Principal(string role, string? userName = null)
    {
        var name = userName ?? $"test-{role}";
        return new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, name),
            new Claim(ClaimTypes.NameIdentifier, "test-id-" + name),
            new Claim(ClaimTypes.Role, role),
        ], Scheme));
    }

    /// <summary>The header value for a role.</summary>
    public static string HeaderValue(string role, string? userName = null) => userName is null ? role : $"{role}:{userName}";

    internal static void Add(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, _ => { });
        // The product's default scheme picks the staff or kiosk cookie; requests with the header use the test scheme.
        services.PostConfigure<PolicySchemeOptions>(DashboardAuthentication.Scheme, options =>
        {
            var product = options.ForwardDefaultSelector;
            options.ForwardDefaultSelector = context => context.Request.Headers.ContainsKey(Header) ? Scheme : product?.Invoke(context);
        });
    }

    private sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var value = Request.Headers[Header].ToString();
            if (string.IsNullOrEmpty(value))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var parts = value.Split(':', 2);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Principal(parts[0], parts.Length > 1 ? parts[1] : null), TestAuthentication.Scheme)));
        }
    }
}
