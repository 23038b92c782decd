namespace Osvi.Dashboard.Services.Campaigns;

/// <summary>Composition of the Campaigns area: its services, live feeds and HTTP endpoints, registered from
/// <c>Hosting/DashboardServicesSetup</c> and <c>Hosting/PipelineSetup</c> so each area keeps its wiring to itself.</summary>
internal static class CampaignsArea
{
    /// <summary>Registers the area's services and live feeds.</summary>
    public static IServiceCollection AddCampaignsArea(this IServiceCollection services) => services;

    /// <summary>Maps the area's HTTP endpoints (e.g. downloads), if it has any.</summary>
    public static IEndpointRouteBuilder MapCampaignsArea(this IEndpointRouteBuilder endpoints) => endpoints;
}
