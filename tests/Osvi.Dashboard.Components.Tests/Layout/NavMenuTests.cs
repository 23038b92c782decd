using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Components.Layout;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Components.Tests.Layout;

public sealed class NavMenuTests : OsviTestContext
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private static string[] Active(IRenderedComponent<NavMenu> cut) =>
        [.. cut.FindAll(".osvi-nav a.active").Select(a => a.TextContent.Trim())];

    [Fact]
    public void Render_OnTheOverview_OnlyTheOverviewIsActiveAndCurrent()
    {
        UseRole(DashboardRoles.Admin);

        var cut = Render<NavMenu>();

        Assert.Equal(["Overview"], Active(cut));
        Assert.Equal("page", cut.Find(".osvi-nav a.active").GetAttribute("aria-current"));
        Assert.Single(cut.FindAll(".osvi-nav a[aria-current]"));
        Assert.All(cut.FindAll(".osvi-nav a"), a => Assert.Contains("mud-nav-link", a.ClassList));
    }

    [Fact]
    public void LocationChanged_AnotherPage_TheActiveEntryFollows()
    {
        UseRole(DashboardRoles.Admin);
        var cut = Render<NavMenu>();

        Navigation.NavigateTo("calls?per_page=100");
        cut.WaitForAssertion(() => Assert.Equal(["Calls"], Active(cut)));
        Assert.Equal("page", cut.Find(".osvi-nav a.active").GetAttribute("aria-current"));
        Assert.Single(cut.FindAll(".osvi-nav a[aria-current]"));

        Navigation.NavigateTo("admin/users");
        cut.WaitForAssertion(() => Assert.Equal(["Users"], Active(cut)));

        Navigation.NavigateTo("/");
        cut.WaitForAssertion(() => Assert.Equal(["Overview"], Active(cut)));
    }

    [Fact]
    public void Dispose_Component_StopsFollowingTheLocation()
    {
        UseRole(DashboardRoles.Admin);
        var cut = Render<NavMenu>();
        var renders = cut.RenderCount;

        cut.Instance.Dispose();
        Navigation.NavigateTo("calls");

        // Still subscribed, the disposed menu would ask the renderer to render it (and stay reachable from the manager).
        Assert.Equal(["Overview"], Active(cut));
        Assert.Equal(renders, cut.RenderCount);
    }

    [Fact]
    public void ClickEntry_Any_TellsTheLayoutSoADrawerCoveringANarrowScreenCloses()
    {
        UseRole(DashboardRoles.Viewer);
        var navigations = 0;
        var cut = Render<NavMenu>(parameters => parameters.Add(p => p.OnNavigate, () => navigations++));

        cut.FindAll(".osvi-nav a")[2].Click();

        Assert.Equal(1, navigations);
    }

    [Theory]
    [InlineData("http://localhost/", "http://localhost/", true, true)]
    [InlineData("http://localhost", "http://localhost/", true, true)]
    [InlineData("http://localhost/?from=x#top", "http://localhost/", true, true)]
    [InlineData("http://localhost/calls", "http://localhost/", true, false)]
    [InlineData("http://localhost/calls", "http://localhost/calls", false, true)]
    [InlineData("http://localhost/Calls?per_page=100", "http://localhost/calls", false, true)]
    [InlineData("http://localhost/calls/abc123", "http://localhost/calls", false, true)]
    [InlineData("http://localhost/calls/", "http://localhost/calls", false, true)]
    [InlineData("http://localhost/callsx", "http://localhost/calls", false, false)]
    [InlineData("http://localhost/campaigns/7/upload", "http://localhost/campaigns", false, true)]
    [InlineData("http://localhost/admin/users", "http://localhost/admin/kiosk", false, false)]
    [InlineData("http://localhost/agents", "http://localhost/calls", false, false)]
    public void IsActive_CurrentAndEntryAddress_FollowsNavLinkMatching(string current, string entry, bool exact, bool expected) =>
        Assert.Equal(expected, NavMenu.IsActive(current, entry, exact));
}
