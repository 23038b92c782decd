using Bunit;
using Osvi.Dashboard.Components.Controls;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Components.Tests.Controls;

public sealed class SectionBoundaryTests : OsviTestContext
{
    [Fact]
    public void Render_OneSectionThrows_OnlyThatSectionShowsTheCrash()
    {
        var cut = Render(builder =>
        {
            builder.OpenComponent<SectionBoundary>(0);
            builder.AddAttribute(1, nameof(SectionBoundary.Title), "Active agents");
            builder.AddAttribute(2, nameof(SectionBoundary.ChildContent), (Microsoft.AspNetCore.Components.RenderFragment)(inner =>
            {
                inner.OpenComponent<Thrower>(0);
                inner.CloseComponent();
            }));
            builder.CloseComponent();
            builder.OpenComponent<SectionBoundary>(3);
            builder.AddAttribute(4, nameof(SectionBoundary.ChildContent), (Microsoft.AspNetCore.Components.RenderFragment)(inner => inner.AddMarkupContent(0, "<p id=healthy>still here</p>")));
            builder.CloseComponent();
        });

        Assert.Contains("Active agents stopped working", cut.Find("[data-crash=true]").TextContent, StringComparison.Ordinal);
        Assert.Equal("still here", cut.Find("#healthy").TextContent);
    }
}
