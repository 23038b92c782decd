using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Osvi.Dashboard.Testing;

/// <summary>The real dashboard host in memory, with extra configuration layered over the root appsettings.json.</summary>
public class DashboardFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = [];

    /// <summary>Adds or overrides one configuration value before the host starts.</summary>
    public DashboardFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
    }
}
