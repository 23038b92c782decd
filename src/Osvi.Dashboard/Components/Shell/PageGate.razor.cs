using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Authorization;

namespace Osvi.Dashboard.Components.Shell;

/// <summary>Renders the routed page only when the current user passes its policy (<see cref="PageAccess"/>, the same
/// answer the HTTP endpoint of the page gives). A circuit whose session ended (revalidation) goes to the sign-in page,
/// or, for a kiosk, shows that the link ended; nothing of the page stays on screen.</summary>
public sealed partial class PageGate
{
    private GateState _state;
    private bool _kiosk;
    private int _evaluation;

    [Parameter, EditorRequired]
    public required Microsoft.AspNetCore.Components.RouteData RouteData { get; set; }

    [Parameter]
    public Type? DefaultLayout { get; set; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    public required IAuthorizationService Authorization { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override Task OnParametersSetAsync()
    {
        var policy = PageAccess.PolicyFor(RouteData.PageType);
        if (policy is null)
        {
            _state = GateState.Allowed;
            return Task.CompletedTask;
        }

        // Nothing of a page renders until its check has passed (a check may complete after the first render).
        _state = GateState.Checking;
        return EvaluateAsync(policy, ++_evaluation);
    }

    private async Task EvaluateAsync(string policy, int evaluation)
    {
        var principal = AuthenticationState is null ? new System.Security.Claims.ClaimsPrincipal() : (await AuthenticationState).User;
        var user = DashboardUser.From(principal);
        GateState state;
        if (!user.IsAuthenticated)
        {
            state = _kiosk ? GateState.SessionEnded : GateState.SignedOut;
        }
        else
        {
            _kiosk = user.IsKiosk;
            state = (await Authorization.AuthorizeAsync(principal, policy)).Succeeded ? GateState.Allowed : GateState.Denied;
        }

        if (evaluation != _evaluation)
        {
            return;   // a newer navigation or authentication state is being checked
        }

        _state = state;
        if (state == GateState.SignedOut && RendererInfo.IsInteractive)
        {
            var returnUrl = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
            Navigation.NavigateTo($"{DashboardAuthentication.SignInPath}?{DashboardAuthentication.ReturnUrlParameter}={Uri.EscapeDataString(returnUrl)}", forceLoad: true);
        }
    }

    private enum GateState
    {
        Checking,
        Allowed,
        Denied,
        SignedOut,
        SessionEnded,
    }
}
