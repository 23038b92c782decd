using Bunit;
using MudBlazor;
using Osvi.Dashboard.Components.Shell;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Components.Tests.Shell;

public sealed class UserMenuTests : OsviTestContext
{
    [Fact]
    public void Render_SignedIn_ClosedDisclosureWithPasswordLinkAndSignOutForm()
    {
        UseRole(DashboardRoles.Operator, "asha");

        var cut = Render<UserMenu>();

        var toggle = cut.Find("#user-menu > button");
        Assert.Equal("asha · Operator", toggle.TextContent.Trim());
        Assert.Equal("true", toggle.GetAttribute("aria-haspopup"));
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        var popup = cut.Find("#" + toggle.GetAttribute("aria-controls"));
        Assert.True(popup.HasAttribute("hidden"));
        Assert.NotNull(cut.Find("#user-menu").GetAttribute("data-osvi-disclosure"));
        Assert.Equal("Operator", popup.QuerySelector("#user-role")?.TextContent);
        Assert.Equal("account/password", popup.QuerySelector("#user-change-password")?.GetAttribute("href"));
        var form = cut.Find("#sign-out-form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("account/sign-out", form.GetAttribute("action"));
        Assert.Equal("submit", form.QuerySelector("#sign-out")?.GetAttribute("type"));
        Assert.NotNull(form.Closest("#user-menu-popup"));
    }

    [Fact]
    public void Render_SignedIn_NoMenuPopoverOrIconComponents()
    {
        UseRole(DashboardRoles.Admin);

        var cut = Render<UserMenu>();

        Assert.Empty(cut.FindComponents<MudMenu>());
        Assert.Empty(cut.FindComponents<MudIcon>());
        Assert.Empty(cut.FindComponents<MudButton>());
        Assert.Empty(cut.FindComponents<MudPopover>());
    }

    [Fact]
    public void Render_SignedOut_NoMenu()
    {
        Authorization.SetNotAuthorized();

        var cut = Render<UserMenu>();

        Assert.Empty(cut.FindAll("#user-menu"));
    }
}
