using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Security;

public sealed class PermissionTests
{
    [Theory]
    [InlineData(DashboardRoles.Viewer, DashboardPermission.StartCalls, false)]
    [InlineData(DashboardRoles.Viewer, DashboardPermission.ManageDnd, false)]
    [InlineData(DashboardRoles.Viewer, DashboardPermission.SeeFullPhoneNumbers, false)]
    [InlineData(DashboardRoles.Viewer, DashboardPermission.PlayRecordings, true)]
    [InlineData(DashboardRoles.Operator, DashboardPermission.StartCalls, true)]
    [InlineData(DashboardRoles.Operator, DashboardPermission.UploadContacts, true)]
    [InlineData(DashboardRoles.Operator, DashboardPermission.OperateChat, true)]
    [InlineData(DashboardRoles.Operator, DashboardPermission.ReadAuditLog, false)]
    [InlineData(DashboardRoles.Operator, DashboardPermission.ManageUsers, false)]
    [InlineData(DashboardRoles.Admin, DashboardPermission.ManageUsers, true)]
    [InlineData(DashboardRoles.Admin, DashboardPermission.ReadAuditLog, true)]
    [InlineData("ADMIN", DashboardPermission.StartCalls, true)]
    [InlineData("guest", DashboardPermission.PlayRecordings, false)]
    public void Allows_RoleAndPermission_MatchesTheRoleTable(string role, DashboardPermission permission, bool allowed) =>
        Assert.Equal(allowed, RolePermissions.Allows([role], permission));

    [Fact]
    public void Admin_EveryPermission_IsGranted() =>
        Assert.All(Enum.GetValues<DashboardPermission>(), permission => Assert.True(RolePermissions.Allows([DashboardRoles.Admin], permission)));

    [Fact]
    public void From_SignedInUserWithRoleClaims_KeepsOnlyKnownRoles()
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "asha"), new Claim(ClaimTypes.NameIdentifier, "u-1"), new Claim(ClaimTypes.Role, "Operator"), new Claim(ClaimTypes.Role, "superhero")],
            authenticationType: "Test");

        var user = DashboardUser.From(new ClaimsPrincipal(identity));

        Assert.Equal(("asha", "u-1", true), (user.Name, user.Id, user.IsAuthenticated));
        Assert.Equal([DashboardRoles.Operator], user.Roles);
        Assert.True(user.Can(DashboardPermission.StartCalls));
        Assert.False(user.Can(DashboardPermission.ManageUsers));
    }

    [Fact]
    public void From_IdentityWithCustomRoleClaimType_ReadsThatClaim()
    {
        var identity = new ClaimsIdentity([new Claim("name", "oidc-user"), new Claim("groups", "viewer")], "oidc", nameType: "name", roleType: "groups");

        var user = DashboardUser.From(new ClaimsPrincipal(identity));

        Assert.Equal([DashboardRoles.Viewer], user.Roles);
        Assert.Equal("oidc-user", user.Name);
    }

    [Fact]
    public void From_Anonymous_HasNoRoleAndNoPermission()
    {
        var user = DashboardUser.From(new ClaimsPrincipal(new ClaimsIdentity()));

        Assert.False(user.IsAuthenticated);
        Assert.Equal(DashboardUser.AnonymousName, user.Name);
        Assert.Empty(user.Roles);
        Assert.All(Enum.GetValues<DashboardPermission>(), permission => Assert.False(user.Can(permission)));
    }

    [Fact]
    public void From_KioskPrincipalEvenWithARoleClaim_HasNoRoleAndNoPermission()
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "kiosk: Pune TV"), new Claim(ClaimTypes.Role, "admin"), new Claim(DashboardClaims.KioskLink, "7")], "Kiosk");

        var user = DashboardUser.From(new ClaimsPrincipal(identity));

        Assert.True(user.IsKiosk);
        Assert.True(user.IsAuthenticated);
        Assert.Empty(user.Roles);
        Assert.False(user.Can(DashboardPermission.PlayRecordings));
    }

    [Fact]
    public async Task EnsureAllowedAsync_ViewerStartsACall_IsRefusedWithAWarning()
    {
        var logger = new FakeLogger<PermissionGuard>();
        var guard = new PermissionGuard(Users.As("vera", DashboardRoles.Viewer), logger);

        var check = await guard.EnsureAllowedAsync(DashboardPermission.StartCalls, "call.start");

        Assert.False(check.Allowed);
        Assert.Equal(DashboardPermission.StartCalls, check.Refusal!.Permission);
        Assert.Contains("does not allow", check.Refusal.Message, StringComparison.Ordinal);
        var warning = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("call.start", warning.Message, StringComparison.Ordinal);
        Assert.Contains("vera", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureAllowedAsync_OperatorStartsACall_IsAllowedSilently()
    {
        var logger = new FakeLogger<PermissionGuard>();
        var guard = new PermissionGuard(Users.As("olu", DashboardRoles.Operator), logger);

        var check = await guard.EnsureAllowedAsync(DashboardPermission.StartCalls, "call.start");

        Assert.True(check.Allowed);
        Assert.Equal("olu", check.User.Name);
        Assert.Empty(logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task CurrentUser_CircuitAuthenticationState_IsRead()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ana"), new Claim(ClaimTypes.Role, "admin")], "Cookies"));
        var currentUser = new CurrentUser(new FixedAuthenticationState(principal), new HttpContextAccessor());

        var user = await currentUser.GetAsync();

        Assert.Equal("ana", user.Name);
        Assert.Equal([DashboardRoles.Admin], user.Roles);
    }

    [Fact]
    public async Task CurrentUser_HttpEndpointOutsideACircuit_ReadsTheRequestsUser()
    {
        var request = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "exporter"), new Claim(ClaimTypes.Role, "viewer")], "Cookies")),
        };
        var currentUser = new CurrentUser(new NoCircuitAuthenticationState(), new HttpContextAccessor { HttpContext = request });

        var user = await currentUser.GetAsync();

        Assert.Equal("exporter", user.Name);
        Assert.False(user.Can(DashboardPermission.StartCalls));
    }

    private sealed class NoCircuitAuthenticationState : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            throw new InvalidOperationException("GetAuthenticationStateAsync was called before SetAuthenticationState.");
    }

    private sealed class FixedAuthenticationState(ClaimsPrincipal principal) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(principal));
    }
}
