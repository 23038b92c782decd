using Bunit;
using Microsoft.AspNetCore.Components;
using Osvi.Client;
using Osvi.Dashboard.Components.Controls;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Components.Tests.Controls;

public sealed class ResultViewTests : OsviTestContext
{
    private IRenderedComponent<ResultView<IReadOnlyList<string>>> RenderView(ServiceResult<IReadOnlyList<string>>? result) =>
        Render<ResultView<IReadOnlyList<string>>>(p => p
            .Add(v => v.Result, result)
            .Add(v => v.LoadingText, "Loading names…")
            .Add(v => v.ErrorContext, "Could not load names")
            .Add(v => v.IsEmpty, names => names.Count == 0)
            .Add(v => v.Empty, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=empty>No names</p>")))
            .Add(v => v.ChildContent, names => b => b.AddMarkupContent(0, $"<p id=names>{string.Join(",", names)}</p>")));

    [Fact]
    public void Render_NoResultYet_ShowsLoading() =>
        Assert.Contains("Loading names…", RenderView(null).Find("[role=status]").TextContent, StringComparison.Ordinal);

    [Fact]
    public void Render_Failure_ShowsTheSharedErrorAlert() =>
        Assert.Equal("Could not load names: Not found at OSVI",
            RenderView(ServiceResult<IReadOnlyList<string>>.Failed(new OsviError(OsviErrorKind.NotFound, 404, "Not found", []))).Find(".osvi-error-title").TextContent);

    [Fact]
    public void Render_EmptyValue_ShowsTheEmptyState() =>
        Assert.Equal("No names", RenderView(ServiceResult<IReadOnlyList<string>>.Success([])).Find("#empty").TextContent);

    [Fact]
    public void Render_Value_ShowsTheContent() =>
        Assert.Equal("asha,ravi", RenderView(ServiceResult<IReadOnlyList<string>>.Success(["asha", "ravi"])).Find("#names").TextContent);
}
