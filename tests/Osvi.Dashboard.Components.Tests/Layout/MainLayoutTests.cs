using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Osvi.Dashboard.Components.Layout;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Theme;

namespace Osvi.Dashboard.Components.Tests.Layout;

public sealed class MainLayoutTests : OsviTestContext
{
    private const int CeilingForTheLayout = 15;

    private IRenderedComponent<MainLayout> RenderLayout(RenderFragment body, string? rememberedTheme = null, DashboardMode mode = DashboardMode.Live)
    {
        UseMode(mode);
        UseInteractiveRenderer();
        return Render<MainLayout>(parameters =>
        {
            if (rememberedTheme is not null)
            {
                parameters.AddCascadingValue(ThemePreference.CascadeName, rememberedTheme);
            }

            parameters.Add(layout => layout.Body, body);
        });
    }

    private static RenderFragment Text(string text) => builder => builder.AddMarkupContent(0, $"<h1>{text}</h1>");

    [Fact]
    public void Render_LiveModeAsAdmin_ShowsLiveBadgeNoDemoBannerAndEveryMenuEntry()
    {
        UseRole(DashboardRoles.Admin);
        var cut = RenderLayout(Text("Page"));

        Assert.Equal("Live", cut.Find("#mode-badge").TextContent.Trim());
        Assert.Empty(cut.FindAll("#demo-banner"));
        Assert.Equal(NavigationItems.All.Select(item => item.Title), cut.FindAll(".osvi-nav a").Select(a => a.TextContent.Trim()));
        Assert.Subset(cut.FindAll(".osvi-nav a").Select(a => a.TextContent.Trim()).ToHashSet(), new HashSet<string> { "Audit", "Users", "Kiosk links", "Settings" });
        Assert.Equal("yes", cut.Find("#render-state").GetAttribute("data-interactive"));
    }

    [Theory]
    [InlineData(DashboardRoles.Viewer)]
    [InlineData(DashboardRoles.Operator)]
    public void Render_StaffWithoutAdministration_MenuHasNoAdministrationEntries(string role)
    {
        UseRole(role);
        var cut = RenderLayout(Text("Page"));

        var shown = cut.FindAll(".osvi-nav a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(NavigationItems.All.Where(item => item.Requires is null).Select(item => item.Title), shown);
        Assert.Empty(cut.FindAll("#nav-administration"));
        // Stated by hand so a wrong permission on a menu entry fails here too.
        Assert.Equal(["Overview", "Agents", "Calls", "Campaigns", "Monitor", "DND", "Chat"], shown);
    }

    [Theory]
    [InlineData(DashboardRoles.Viewer, "Viewer")]
    [InlineData(DashboardRoles.Admin, "Administrator")]
    public void Render_SignedIn_AppBarNamesTheUserAndTheRole(string role, string roleName)
    {
        UseRole(role, "asha");
        var cut = RenderLayout(Text("Page"));

        Assert.Equal($"asha · {roleName}", cut.Find("#user-menu button").TextContent.Trim());
    }

    [Fact]
    public void Render_DemoMode_ShowsDemoBadgeAndTheSimulatedDataBanner()
    {
        var cut = RenderLayout(Text("Page"), mode: DashboardMode.Demo);

        Assert.Equal("Demo", cut.Find("#mode-badge").TextContent.Trim());
        Assert.Contains("simulated by the built-in OSVI simulator", cut.Find("#demo-banner").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PageThrows_ErrorBoundaryShowsTheCrashAndTheShellKeepsWorking()
    {
        var cut = RenderLayout(builder =>
        {
            builder.OpenComponent<Thrower>(0);
            builder.CloseComponent();
        });

        Assert.Contains("This page stopped working", cut.Find("[data-crash=true]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll(".osvi-nav a"));
        cut.Find("#theme-toggle").Click();
        Assert.Equal("dark", cut.Find("#render-state").GetAttribute("data-theme"));
    }

    [Fact]
    public void Render_ProductionPageThrows_CrashDoesNotShowTheExceptionText()
    {
        var cut = RenderLayout(builder =>
        {
            builder.OpenComponent<Thrower>(0);
            builder.CloseComponent();
        });

        Assert.DoesNotContain("broken on purpose", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ThemeToggle_Click_SwitchesToDarkAndSavesTheChoiceInTheBrowser()
    {
        var cut = RenderLayout(Text("Page"));
        Assert.Equal("light", cut.Find("#render-state").GetAttribute("data-theme"));

        cut.Find("#theme-toggle").Click();

        Assert.Equal("dark", cut.Find("#render-state").GetAttribute("data-theme"));
        Assert.Equal("dark", JSInterop.VerifyInvoke("osviTheme.save").Arguments[0]);
        Assert.Equal("Switch to the light theme", cut.Find("#theme-toggle").GetAttribute("aria-label"));
    }

    [Fact]
    public void Render_RememberedDarkTheme_StartsDarkWithoutAskingTheSystem()
    {
        var cut = RenderLayout(Text("Page"), rememberedTheme: ThemePreference.Dark);

        Assert.Equal("dark", cut.Find("#render-state").GetAttribute("data-theme"));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier.Contains("getSystemDarkMode", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Render_Always_HasASkipLinkToTheMainLandmark()
    {
        var cut = RenderLayout(Text("Page"));

        Assert.Equal("#main-content", cut.Find(".osvi-skip-link").GetAttribute("href"));
        Assert.Equal("main", cut.Find("#main-content").TagName.ToLowerInvariant());
    }

    // The shell is on every page of every browser, and each component costs every circuit its state and render buffers
    // (issue 9): what only draws an icon, a button, a tooltip or a nav link is markup, not a component.
    [Fact]
    public void Render_DemoModeAsAdmin_DrawsIconsLinksAndTooltipsWithoutComponents()
    {
        UseRole(DashboardRoles.Admin);
        var cut = RenderLayout(Text("Page"), mode: DashboardMode.Demo);

        Assert.Empty(cut.FindComponents<MudIcon>());
        Assert.Empty(cut.FindComponents<MudNavLink>());
        Assert.Empty(cut.FindComponents<NavLink>());
        Assert.Empty(cut.FindComponents<MudNavMenu>());
        Assert.Empty(cut.FindComponents<MudTooltip>());
        Assert.Empty(cut.FindComponents<MudIconButton>());
        Assert.Empty(cut.FindComponents<MudSpacer>());
        Assert.Equal(NavigationItems.All.Count, cut.FindAll(".osvi-nav .mud-nav-item a.mud-nav-link svg.mud-nav-link-icon").Count);
    }

    [Fact]
    public void Render_DemoModeAsAdmin_StaysUnderTheComponentCeiling()
    {
        UseRole(DashboardRoles.Admin);
        var cut = RenderLayout(Text("Page"), mode: DashboardMode.Demo);

        // 83 before the component diet (71 for a role without the Administration entries), 23 after it, 13 with the layout,
        // app bar, drawer and main content as markup: the providers, our own shell pieces and the error boundary.
        var components = cut.FindComponents<IComponent>();
        Assert.True(components.Count <= CeilingForTheLayout,
            $"The layout renders {components.Count} components (ceiling {CeilingForTheLayout}): "
            + string.Join(", ", components.GroupBy(c => c.Instance.GetType().Name).Select(g => $"{g.Count()} {g.Key}")));
    }

    [Fact]
    public void Render_Always_NoMudBlazorLayoutComponentsButTheirMarkup()
    {
        var cut = RenderLayout(Text("Page"));

        Assert.Empty(cut.FindComponents<MudLayout>());
        Assert.Empty(cut.FindComponents<MudAppBar>());
        Assert.Empty(cut.FindComponents<MudDrawer>());
        Assert.Empty(cut.FindComponents<MudMainContent>());
        Assert.NotNull(cut.Find(".mud-layout > header.mud-appbar.mud-appbar-fixed-top > .mud-toolbar.mud-toolbar-appbar #theme-toggle"));
        Assert.NotNull(cut.Find(".mud-layout > aside#osvi-drawer.mud-drawer.mud-drawer-responsive > .mud-drawer-content > nav.osvi-nav"));
        Assert.NotNull(cut.Find(".mud-layout > .mud-main-content > main#main-content"));
    }

    [Fact]
    public void Render_WideScreen_DrawerStartsOpenAndTheMenuButtonClosesAndReopensIt()
    {
        JSInterop.Setup<bool>("osviShell.matches", _ => true).SetResult(false);
        var cut = RenderLayout(Text("Page"));
        var drawer = () => cut.Find("#osvi-drawer").ClassList;

        cut.WaitForAssertion(() => Assert.Single(JSInterop.Invocations, i => i.Identifier == "osviShell.matches"));
        Assert.Contains("mud-drawer--open", drawer());
        Assert.Contains("mud-drawer--initial", drawer());   // Mud's CSS hides an initial drawer on a narrow screen, without a flash
        Assert.Contains("mud-drawer-open-responsive-md-left", cut.Find(".mud-layout").ClassList);
        Assert.Equal("true", cut.Find("#drawer-toggle").GetAttribute("aria-expanded"));

        cut.Find("#drawer-toggle").Click();

        Assert.Contains("mud-drawer--closed", drawer());
        Assert.DoesNotContain("mud-drawer--initial", drawer());
        Assert.Contains("mud-drawer-close-responsive-md-left", cut.Find(".mud-layout").ClassList);
        Assert.Equal("false", cut.Find("#drawer-toggle").GetAttribute("aria-expanded"));
        Assert.Empty(cut.FindAll(".mud-drawer-overlay"));

        cut.Find("#drawer-toggle").Click();
        Assert.Contains("mud-drawer--open", drawer());

        // A menu entry on a wide screen leaves the drawer where it is.
        cut.FindAll(".osvi-nav a")[1].Click();
        Assert.Contains("mud-drawer--open", drawer());
    }

    [Fact]
    public void Render_NarrowScreen_DrawerStartsClosedOpensOverThePageAndAnEntryOrTheOverlayClosesIt()
    {
        JSInterop.Setup<bool>("osviShell.matches", invocation => Equals(invocation.Arguments[0], "(max-width: 959.98px)")).SetResult(true);
        var cut = RenderLayout(Text("Page"));
        var drawer = () => cut.Find("#osvi-drawer").ClassList;

        cut.WaitForAssertion(() => Assert.Contains("mud-drawer--closed", drawer()));
        Assert.Equal("false", cut.Find("#drawer-toggle").GetAttribute("aria-expanded"));
        Assert.Empty(cut.FindAll(".mud-drawer-overlay"));

        cut.Find("#drawer-toggle").Click();
        Assert.Contains("mud-drawer--open", drawer());
        Assert.Contains("mud-drawer-overlay--open", cut.Find(".mud-drawer-overlay.mud-drawer-overlay-responsive.mud-drawer-overlay-md").ClassList);

        cut.FindAll(".osvi-nav a")[1].Click();
        cut.WaitForAssertion(() => Assert.Contains("mud-drawer--closed", drawer()));
        Assert.Empty(cut.FindAll(".mud-drawer-overlay"));

        cut.Find("#drawer-toggle").Click();
        cut.Find(".mud-drawer-overlay").Click();
        Assert.Contains("mud-drawer--closed", drawer());
        Assert.Equal("false", cut.Find("#drawer-toggle").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void Navigate_AnotherPage_TheActiveMenuEntryFollows()
    {
        UseRole(DashboardRoles.Operator);
        var cut = RenderLayout(Text("Page"));
        Assert.Equal(["Overview"], cut.FindAll(".osvi-nav a.active[aria-current=page]").Select(a => a.TextContent.Trim()));

        Services.GetRequiredService<NavigationManager>().NavigateTo("dnd");

        cut.WaitForAssertion(() =>
            Assert.Equal(["DND"], cut.FindAll(".osvi-nav a.active[aria-current=page]").Select(a => a.TextContent.Trim())));
        Assert.Single(cut.FindAll(".osvi-nav a.active"));
    }

    [Theory]
    [InlineData(DashboardMode.Demo, "Demo mode: simulated data from the embedded OSVI simulator")]
    [InlineData(DashboardMode.Live, "Live: your OSVI account at")]
    public void Render_ModeBadge_DescriptionIsTheTooltipAndReadToScreenReaders(DashboardMode mode, string description)
    {
        var cut = RenderLayout(Text("Page"), mode: mode);

        var badge = cut.Find("#mode-badge");
        Assert.StartsWith(description, badge.GetAttribute("data-osvi-tip"), StringComparison.Ordinal);
        Assert.Equal(badge.GetAttribute("data-osvi-tip"), cut.Find("#" + badge.GetAttribute("aria-describedby")).TextContent.Trim());
    }

    [Fact]
    public void Render_ThemeToggle_TooltipNamesWhatAClickDoes()
    {
        var cut = RenderLayout(Text("Page"));

        // On the button's wrapper: the button itself (mud-ripple, overflow hidden) would clip the tip.
        Assert.Equal("Switch to the dark theme", cut.Find("#theme-toggle").ParentElement?.GetAttribute("data-osvi-tip"));
        cut.Find("#theme-toggle").Click();
        Assert.Equal("Switch to the light theme", cut.Find("#theme-toggle").ParentElement?.GetAttribute("data-osvi-tip"));
    }
}
