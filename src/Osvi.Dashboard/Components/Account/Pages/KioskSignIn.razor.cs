using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Accounts;
using Osvi.Dashboard.Security.Kiosk;

namespace Osvi.Dashboard.Components.Account.Pages;

/// <summary><c>/kiosk?key=…</c>: an active link signs this browser in as the read-only wallboard (a staff session on it
/// ends) and goes to <c>/monitor</c>, which drops the secret from the address bar; anything else explains itself.</summary>
public sealed partial class KioskSignIn
{
    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required KioskLinkStore Links { get; init; }

    [Inject]
    private AccountEvents Events { get; set; } = null!;

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = null!;

    [SupplyParameterFromQuery(Name = DashboardAuthentication.KioskKeyParameter)]
    private string? Key { get; set; }

    private KioskOpeningOutcome Outcome { get; set; }

    private string Problem => Outcome switch
    {
        KioskOpeningOutcome.Revoked => "An administrator revoked this link.",
        KioskOpeningOutcome.Expired => "This link has expired.",
        _ => "The link is incomplete or unknown. Check that it was copied whole.",
    };

    protected override async Task OnInitializedAsync()
    {
        var opening = await Links.OpenAsync(Key, HttpContext.RequestAborted);
        Outcome = opening.Outcome;
        var target = opening.Link is { } link ? $"kiosk link {link.Id} ({link.Name})" : "unknown kiosk link";
        var kiosk = new DashboardUser(opening.Link is { } named ? "kiosk: " + named.Name : DashboardUser.AnonymousName, null, false, []);
        if (opening.Outcome != KioskOpeningOutcome.Opened)
        {
            // The page itself explains; the shell's "page not found" (status code pages) must not replace it.
            HttpContext.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            await Events.WriteAsync(kiosk, "kiosk.open", target, "link", new AuditOutcome(AuditResult.Failed, Problem, ErrorKind: opening.Outcome.ToString()), AuditCategories.Kiosk);
            return;
        }

        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        await HttpContext.SignInAsync(DashboardAuthentication.KioskScheme, KioskLinkStore.PrincipalFor(opening.Link!), new AuthenticationProperties
        {
            IsPersistent = true,
            ExpiresUtc = opening.Link!.ExpiresAt,
        });
        await Events.WriteAsync(kiosk, "kiosk.open", target, "link", AuditOutcome.Succeeded("The wallboard was opened."), AuditCategories.Kiosk);
        Navigation.NavigateTo("monitor");
    }
}
