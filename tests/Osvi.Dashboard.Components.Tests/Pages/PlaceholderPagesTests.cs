using Bunit;
using Microsoft.AspNetCore.Components;
using Osvi.Dashboard.Components.Layout;
using Osvi.Dashboard.Components.Pages;
using Osvi.Dashboard.Testing;
using CampaignsPage = Osvi.Dashboard.Components.Pages.Campaigns;
using MonitorPage = Osvi.Dashboard.Components.Pages.Monitor;

namespace Osvi.Dashboard.Components.Tests.Pages;

public sealed class PlaceholderPagesTests : OsviTestContext
{
    public static TheoryData<Type, string> Pages => new()
    {
        { typeof(Agents), "Agents" },
        { typeof(Calls), "Calls" },
        { typeof(CampaignsPage), "Campaigns" },
        { typeof(MonitorPage), "Wallboard" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Render_PageNotBuiltYet_HasItsTitleAndAnHonestEmptyState(Type page, string title)
    {
        var cut = Render(builder =>
        {
            builder.OpenComponent(0, page);
            builder.CloseComponent();
        });

        Assert.Equal(title, cut.Find("h1").TextContent);
        Assert.Contains("is being built", cut.Find("#coming-soon").TextContent, StringComparison.Ordinal);
        Assert.Contains("never invents data", cut.Find("#coming-soon").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("table"));
    }

    [Fact]
    public void Render_NotFound_OffersTheWayBack()
    {
        var cut = Render<NotFound>();

        Assert.Equal("Page not found", cut.Find("h1").TextContent);
        Assert.Equal("/", cut.Find("#not-found a").GetAttribute("href"));
    }

    [Fact]
    public void Routes_EveryMenuEntry_HasAPage()
    {
        var routes = typeof(Overview).Assembly.GetTypes()
            .SelectMany(type => type.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>())
            .Select(route => route.Template.TrimStart('/'))
            .ToHashSet();

        Assert.All(NavigationItems.All, item => Assert.Contains(item.Href, routes));
    }
}
