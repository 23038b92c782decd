using System.Net;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Options;

namespace Osvi.Dashboard.Services.Calls;

/// <summary>Composition of the Calls area: its services, live feeds and HTTP endpoints, registered from
/// <c>Hosting/DashboardServicesSetup</c> and <c>Hosting/PipelineSetup</c> so each area keeps its wiring to itself.</summary>
internal static class CallsArea
{
    /// <summary>A call in progress changes within seconds; its page polls faster than the default unless configured.</summary>
    internal static readonly TimeSpan CallDetailInterval = TimeSpan.FromSeconds(3);

    /// <summary>Registers the area's services and live feeds.</summary>
    public static IServiceCollection AddCallsArea(this IServiceCollection services)
    {
        services.AddScoped<ICallsService, CallsService>();
        services.AddScoped<CallsScript>();
        services.AddScoped<IViewerTimeZone, ViewerTimeZone>();
        services.AddSingleton<RecordingUrlCache>();
        services.AddSingleton<RecordingAuditThrottle>();
        services.AddSingleton<CallExportTracker>();
        services.AddScoped<RecordingEndpoint>();
        services.AddScoped<CallExportEndpoint>();

        services.AddLiveFeed<CallDetailKey, CallDetailView, CallDetailFetcher>(CallDetailFetcher.FeedName);
        services.AddLiveFeed<CallLogPageKey, CallPage, CallLogPageFetcher>(CallLogPageFetcher.FeedName);
        services.PostConfigure<DashboardOptions>(options =>
        {
            if (options.Live.Interval > CallDetailInterval)
            {
                options.Live.Intervals.TryAdd(CallDetailFetcher.FeedName, CallDetailInterval);
            }
        });

        // Presigned recording URLs: not the OSVI client (its pipeline buffers bodies, retries and adds the token).
        services.AddHttpClient(RecordingEndpoint.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.None,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .RemoveAllLoggers();
        return services;
    }

    /// <summary>Maps the area's HTTP endpoints: the recording stream and the CSV export.</summary>
    public static IEndpointRouteBuilder MapCallsArea(this IEndpointRouteBuilder endpoints)
    {
        RecordingEndpoint.Map(endpoints);
        CallExportEndpoint.Map(endpoints);
        return endpoints;
    }
}
