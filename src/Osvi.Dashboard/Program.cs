using Osvi.Dashboard.Hosting;

if (HealthProbeCommand.IsRequested(args))
{
    return await HealthProbeCommand.RunAsync(args);
}

// Content root = the folder of the app's dll, where the repository root's appsettings*.json are copied (see the csproj).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddDashboardConfiguration();
builder.AddDashboardLogging();
await builder.AddDashboardModeAsync();
builder.Services.AddDashboardOptions(builder.Configuration);
builder.Services.AddDashboardOsviClient(builder.Configuration);
builder.Services.AddDashboardServices();
builder.Services.AddDashboardData();
builder.AddDashboardSecurity();

var app = builder.Build();
app.UseDashboardPipeline();
return await app.RunDashboardAsync();

/// <summary>The dashboard's entry point, public for <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
