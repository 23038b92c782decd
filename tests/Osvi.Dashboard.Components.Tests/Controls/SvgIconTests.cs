using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Osvi.Dashboard.Components.Controls;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Components.Tests.Controls;

public sealed class SvgIconTests : OsviTestContext
{
    [Theory]
    [InlineData(Size.Small)]
    [InlineData(Size.Medium)]
    [InlineData(Size.Large)]
    public void Of_AnyIcon_IsTheSameSvgMudIconRenders(Size size)
    {
        var mud = Render<MudIcon>(parameters => parameters.Add(p => p.Icon, Icons.Material.Outlined.Sync).Add(p => p.Size, size)).Find("svg");
        var ours = Render((RenderFragment)(builder => builder.AddContent(0, SvgIcon.Of(Icons.Material.Outlined.Sync, size)))).Find("svg");

        Assert.Equal(Classes(mud), Classes(ours));
        Assert.Equal(mud.GetAttribute("viewBox"), ours.GetAttribute("viewBox"));
        Assert.Equal(mud.InnerHtml, ours.InnerHtml);
        Assert.Equal("true", ours.GetAttribute("aria-hidden"));
        Assert.Equal("false", ours.GetAttribute("focusable"));
    }

    [Fact]
    public void Of_SameIconTwice_IsOneSharedString()
    {
        var first = SvgIcon.Of(Icons.Material.Filled.Menu, Size.Small, "osvi-inline-icon");
        var second = SvgIcon.Of(Icons.Material.Filled.Menu, Size.Small, "osvi-inline-icon");

        Assert.Same(first.Value, second.Value);
        Assert.Contains("osvi-inline-icon", first.Value, StringComparison.Ordinal);
    }

    private static string[] Classes(AngleSharp.Dom.IElement element) => [.. element.ClassList.Order(StringComparer.Ordinal)];
}
