using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Theme;

namespace Osvi.Dashboard.Components.Tests.Theme;

public sealed class OsviThemeProviderTests : OsviTestContext
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Render_EitherMode_WritesTheSameThemeStylesheetAsMudBlazors(bool dark)
    {
        var mud = Render<MudThemeProvider>(parameters => parameters.Add(p => p.Theme, OsviTheme.Theme).Add(p => p.IsDarkMode, dark));
        var ours = Render<OsviThemeProvider>(parameters => parameters.Add(p => p.Theme, OsviTheme.Theme).Add(p => p.IsDarkMode, dark));

        var expected = mud.FindAll("style.mud-theme-provider").Single().TextContent;
        Assert.Contains("--mud-palette-primary:", expected, StringComparison.Ordinal);
        Assert.Equal(expected, ours.FindAll("style.mud-theme-provider").Single().TextContent);
        // Everything else the base writes but the charts' hover rule, which is in app.css.
        Assert.Equal(
            mud.FindAll("style").Select(style => style.TextContent).Where(css => !css.Contains("mud-chart-serie", StringComparison.Ordinal)),
            ours.FindAll("style").Select(style => style.TextContent));
    }

    [Fact]
    public void Render_TwoCircuitsSameMode_ShareOneStylesheetString()
    {
        var first = RenderStylesheet(dark: true);
        var second = RenderStylesheet(dark: true);
        var light = RenderStylesheet(dark: false);

        Assert.Same(first, second);
        Assert.NotEqual(first, light);
    }

    // The markup string the provider put into its render tree (what a circuit keeps while the page is open), each time
    // on a renderer of its own, as each circuit has.
    private string RenderStylesheet(bool dark)
    {
        using var renderer = new FrameRenderer(Services);
        return renderer.Render<OsviThemeProvider>(new Dictionary<string, object?>
        {
            [nameof(MudThemeProvider.Theme)] = OsviTheme.Theme,
            [nameof(MudThemeProvider.IsDarkMode)] = dark,
        }).Single(markup => markup.Contains("mud-theme-provider", StringComparison.Ordinal));
    }

#pragma warning disable BL0006 // the render tree itself is what these tests are about
    private sealed class FrameRenderer(IServiceProvider services) : Renderer(services, NullLoggerFactory.Instance)
    {
        public override Dispatcher Dispatcher { get; } = Dispatcher.CreateDefault();

        public IReadOnlyList<string> Render<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent
        {
            var component = InstantiateComponent(typeof(TComponent));
            var id = AssignRootComponentId(component);
            Dispatcher.InvokeAsync(() => RenderRootComponentAsync(id, ParameterView.FromDictionary(parameters))).GetAwaiter().GetResult();
            var frames = GetCurrentRenderTreeFrames(id);
            return [.. Enumerable.Range(0, frames.Count).Select(i => frames.Array[i]).Where(frame => frame.FrameType == RenderTreeFrameType.Markup).Select(frame => frame.MarkupContent)];
        }

        protected override void HandleException(Exception exception) => throw exception;

        protected override Task UpdateDisplayAsync(in RenderBatch renderBatch) => Task.CompletedTask;
    }
#pragma warning restore BL0006
}
