namespace Osvi.Dashboard.Services.Calls;

/// <summary>Composition of the Calls area: its services, live feeds and HTTP endpoints, registered from
/// <c>Hosting/DashboardServicesSetup</c> and <c>Hosting/PipelineSetup</c> so each area keeps its wiring to itself.</summary>
internal static class CallsArea
{
    /// <summary>Registers the area's services and live feeds.</summary>
    public static IServiceCollection AddCallsArea(this IServiceCollection services) => services;

    /// <summary>Maps the area's HTTP endpoints (e.g. downloads), if it has any.</summary>
    public static IEndpointRouteBuilder MapCallsArea(this IEndpointRouteBuilder endpoints) => endpoints;
}
