namespace Osvi.Dashboard.Services.Dnd;

/// <summary>Composition of the Dnd area: its services, live feeds and HTTP endpoints, registered from
/// <c>Hosting/DashboardServicesSetup</c> and <c>Hosting/PipelineSetup</c> so each area keeps its wiring to itself.</summary>
internal static class DndArea
{
    /// <summary>Registers the area's services and options (<c>Dashboard:Dnd</c>).</summary>
    public static IServiceCollection AddDndArea(this IServiceCollection services)
    {
        services.AddOptions<DndOptions>().BindConfiguration(DndOptions.SectionName);
        services.AddScoped<IDndService, DndService>();
        return services;
    }

    /// <summary>Maps the area's CSV exports.</summary>
    public static IEndpointRouteBuilder MapDndArea(this IEndpointRouteBuilder endpoints) => endpoints.MapDndExports();
}
