using System.Text.RegularExpressions;

namespace Osvi.Dashboard.Tests.Integration;

/// <summary>Every stylesheet applies to every page, so a class that two area stylesheets both style is styled twice
/// wherever it is used: the call log's filter fields once came out as the upload preview's pill buttons, and the
/// campaign page's facts took the call page's grid. app.css is the shared base that areas may extend; between area
/// stylesheets a class belongs to one.</summary>
public sealed partial class StylesheetTests
{
    [Fact]
    public void AreaStylesheets_NoClassIsStyledByTwoAreas()
    {
        var wwwroot = Path.Combine(RootContentTests.RepositoryRoot(), "wwwroot");
        var areaSheets = Directory.EnumerateFiles(wwwroot, "*.css", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) != "app.css")
            .ToList();
        Assert.True(areaSheets.Count >= 3, $"expected the area stylesheets under {wwwroot}");

        var sheetsByClass = areaSheets
            .SelectMany(path => ClassesStyledIn(File.ReadAllText(path)).Select(name => (Class: name, Sheet: Path.GetRelativePath(wwwroot, path))))
            .Distinct()
            .GroupBy(styled => styled.Class, styled => styled.Sheet);

        Assert.Empty(sheetsByClass.Where(group => group.Count() > 1).Select(group => $".{group.Key} in {string.Join(" and ", group)}"));
    }

    private static IEnumerable<string> ClassesStyledIn(string css) =>
        Selectors().Matches(Comments().Replace(css, ""))
            .SelectMany(selector => DashboardClass().Matches(selector.Groups[1].Value))
            .Select(match => match.Groups[1].Value);

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"([^{}]+)\{")]
    private static partial Regex Selectors();

    [GeneratedRegex(@"\.(osvi-[A-Za-z0-9_-]+)")]
    private static partial Regex DashboardClass();
}
