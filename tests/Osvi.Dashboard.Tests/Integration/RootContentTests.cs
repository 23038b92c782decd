using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Tests.Integration;

/// <summary>The repository root's wwwroot/ and appsettings.json are the ones the dashboard serves and reads.</summary>
public sealed class RootContentTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Osvi.Dashboard.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    [Theory]
    [InlineData("app.css")]
    [InlineData("js/osvi.js")]
    [InlineData("img/favicon.svg")]
    public async Task StaticAssets_RootWwwrootFile_IsServedWithItsContent(string file)
    {
        var expected = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "wwwroot", file), TestContext.Current.CancellationToken);
        using var client = factory.CreateClient();

        var served = await client.GetStringAsync("/" + file, TestContext.Current.CancellationToken);

        Assert.Equal(expected, served);
    }

    [Fact]
    public async Task Configuration_RootAppsettings_IsRead()
    {
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "appsettings.json"), TestContext.Current.CancellationToken));
        var expectedZone = file.RootElement.GetProperty("Dashboard").GetProperty("TimeZone").GetString();
        var expectedLevel = file.RootElement.GetProperty("Serilog").GetProperty("MinimumLevel").GetProperty("Default").GetString();
        var configuration = factory.Services.GetRequiredService<IConfiguration>();

        Assert.Equal(expectedZone, configuration[DashboardConfigNames.TimeZone]);
        Assert.Equal(expectedLevel, configuration["Serilog:MinimumLevel:Default"]);
    }

    [Fact]
    public void Appsettings_CommittedFile_LeavesTheTokenEmpty()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "appsettings.json")));

        Assert.Equal("", file.RootElement.GetProperty("OsviApi").GetProperty("ApiToken").GetString());
    }
}
