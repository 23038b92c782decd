using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Tests.Integration;

public sealed class RootContentTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Osvi.Dashboard.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    [Fact]
    public async Task StaticAssets_RootWwwrootFile_IsServedWithItsContent()
    {
        var expected = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "wwwroot", "app.css"), TestContext.Current.CancellationToken);
        using var client = factory.CreateClient();

        var served = await client.GetStringAsync("/app.css", TestContext.Current.CancellationToken);

        Assert.Equal(expected, served);
    }

    [Fact]
    public void Configuration_RootAppsettings_IsRead()
    {
        var configuration = factory.Services.GetRequiredService<IConfiguration>();

        Assert.Equal("https://api.osvi.ai", configuration["OsviApi:BaseUrl"]);
    }
}
