using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Admin;
using Osvi.Dashboard.Services.Phones;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Security;

/// <summary>What each role may do, stated here by hand (not read from the product's own table) and checked against the
/// real host: the guard's answer per permission in a circuit of that role, the administration services, phone masking,
/// and every page route over HTTP.</summary>
public sealed class RoleMatrixTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static readonly CancellationToken s_ct = TestContext.Current.CancellationToken;

    // The roles: viewer reads (and plays/exports); operator also acts on OSVI; admin also administers.
    private static readonly Dictionary<string, DashboardPermission[]> s_expected = new()
    {
        [DashboardRoles.Viewer] = [DashboardPermission.PlayRecordings, DashboardPermission.ExportData],
        [DashboardRoles.Operator] =
        [
            DashboardPermission.PlayRecordings, DashboardPermission.ExportData, DashboardPermission.SeeFullPhoneNumbers, DashboardPermission.StartCalls,
            DashboardPermission.UploadContacts, DashboardPermission.ManageDnd, DashboardPermission.OperateChat, DashboardPermission.ManageWatchedCampaigns,
        ],
        [DashboardRoles.Admin] = Enum.GetValues<DashboardPermission>(),
    };

    // Pages only administrators open; every other page is open to every role.
    private static readonly string[] s_adminPages = ["/audit", "/admin/users", "/admin/kiosk", "/admin/settings"];

    public static TheoryData<string> Roles => [DashboardRoles.Viewer, DashboardRoles.Operator, DashboardRoles.Admin];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Guard_EveryPermission_AllowedExactlyForTheRole(string role)
    {
        await using var scope = factory.CreateScopeAs(role);
        var guard = scope.ServiceProvider.GetRequiredService<IPermissionGuard>();

        var allowed = new List<DashboardPermission>();
        foreach (var permission in Enum.GetValues<DashboardPermission>())
        {
            if ((await guard.EnsureAllowedAsync(permission, "matrix")).Allowed)
            {
                allowed.Add(permission);
            }
        }

        Assert.Equal(s_expected[role].Order(), allowed.Order());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task AdministrationServices_ReadAsRole_OnlyAdministratorsAreServed(string role)
    {
        await using var scope = factory.CreateScopeAs(role);
        var services = scope.ServiceProvider;
        var admin = role == DashboardRoles.Admin;

        Assert.Equal(admin, (await services.GetRequiredService<IUserAdministration>().ListAsync(s_ct)).Succeeded);
        Assert.Equal(admin, (await services.GetRequiredService<IKioskAdministration>().ListAsync(s_ct)).Succeeded);
        Assert.Equal(admin, (await services.GetRequiredService<ISettingsAdministration>().GetAsync(s_ct)).Succeeded);
        Assert.Equal(admin, (await services.GetRequiredService<IAuditBrowser>().QueryAsync(new AuditQuery(), s_ct)).Succeeded);
        Assert.Equal(role == DashboardRoles.Viewer, await services.GetRequiredService<IPhoneNumberDisplay>().IsMaskedAsync());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task PageRoutes_AsRole_AdministrationRefusedToOthersEverythingElseServed(string role)
    {
        using var client = factory.CreateClientAs(role);
        var pages = Routes.Of(factory).Where(route => route is { IsPage: true, Method: "GET", AllowsAnonymous: false }).ToList();
        Assert.Superset(s_adminPages.ToHashSet(), pages.Select(route => route.Path).ToHashSet());

        var wrong = new List<string>();
        foreach (var page in pages)
        {
            using var response = await client.GetAsync(page.Path, s_ct);
            var refused = response.StatusCode == HttpStatusCode.Forbidden
                || response.Headers.Location?.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) == true;
            var shouldRefuse = s_adminPages.Contains(page.Path) && role != DashboardRoles.Admin;
            if (shouldRefuse ? !refused : response.StatusCode != HttpStatusCode.OK)
            {
                wrong.Add($"{page.Path}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
