using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Osvi.Dashboard.Testing.Fakes;

/// <summary>A host environment for component tests.</summary>
public sealed class TestHostEnvironment(string environmentName = "Production") : IHostEnvironment
{
    public string EnvironmentName { get; set; } = environmentName;

    public string ApplicationName { get; set; } = "Osvi.Dashboard";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
