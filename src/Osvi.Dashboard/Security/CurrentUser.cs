using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Options;

namespace Osvi.Dashboard.Security;

/// <summary>The user of the current circuit. Scoped: in Blazor Server a scope is one circuit.</summary>
public interface ICurrentUser
{
    /// <summary>Reads the circuit's <see cref="AuthenticationState"/> (its role claims).</summary>
    Task<DashboardUser> GetAsync();
}

internal sealed class CurrentUser(AuthenticationStateProvider authentication, IOptionsMonitor<DashboardOptions> options) : ICurrentUser
{
    public async Task<DashboardUser> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return DashboardUser.From(state.User, options.CurrentValue.Security.AnonymousRole);
    }
}
