using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;
using Osvi.Dashboard.Components.Pages;

namespace Osvi.Dashboard.Components.Tests.Pages;

public sealed class HomeTests : BunitContext
{
    public HomeTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        SetRendererInfo(new RendererInfo("Server", true));
    }

    [Fact]
    public void Render_Interactive_ShowsOverviewHeading()
    {
        var cut = Render<Home>();

        Assert.Equal("Overview", cut.Find("h1").TextContent.Trim());
        Assert.Equal("yes", cut.Find("#render-state").GetAttribute("data-interactive"));
    }
}
