using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Osvi.Dashboard.Security;

/// <summary>The user of the current circuit (or HTTP request). Scoped: in Blazor Server a scope is one circuit.</summary>
public interface ICurrentUser
{
    /// <summary>Reads the circuit's <see cref="AuthenticationState"/> (its role claims); in a plain HTTP endpoint (e.g.
    /// a CSV export or a recording stream) the request's user.</summary>
    Task<DashboardUser> GetAsync();
}

internal sealed class CurrentUser(AuthenticationStateProvider authentication, IHttpContextAccessor http) : ICurrentUser
{
    public async Task<DashboardUser> GetAsync()
    {
        ClaimsPrincipal principal;
        try
        {
            principal = (await authentication.GetAuthenticationStateAsync()).User;
        }
        catch (InvalidOperationException)
        {
            // Outside a circuit the server's provider has no state: an endpoint's scope has its request instead.
            principal = http.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());
        }

        return DashboardUser.From(principal);
    }
}
