using Microsoft.Extensions.Options;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Campaigns.Uploads;
using Osvi.Dashboard.Services.Overview;

namespace Osvi.Dashboard.Services.Campaigns;

/// <summary>Composition of the Campaigns area: its services, live feeds and HTTP endpoints, registered from
/// <c>Hosting/DashboardServicesSetup</c> and <c>Hosting/PipelineSetup</c> so each area keeps its wiring to itself.
/// It also carries the Agents page's per-agent counts.</summary>
internal static class CampaignsArea
{
    /// <summary>Registers the area's services and live feeds.</summary>
    public static IServiceCollection AddCampaignsArea(this IServiceCollection services)
    {
        services.AddOptions<CampaignOptions>().BindConfiguration(CampaignConfigNames.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CampaignOptions>, CampaignOptionsValidator>();

        services.AddScoped<ICampaignsService, CampaignsService>();
        services.AddScoped<IWatchedCampaignsService, WatchedCampaignsService>();
        services.AddScoped<IContactUploadService, ContactUploadService>();
        services.AddSingleton<CampaignHistory>();
        services.AddSingleton<UploadReportStore>();
        services.AddLiveFeed<CampaignStatusKey, CampaignProgress, CampaignStatusFetcher>(CampaignStatusFetcher.FeedName);

        services.AddScoped<AgentCallCounter>();
        services.AddLiveFeed<AgentCallsTodayKey, CallCounts, AgentCallsTodayFetcher>(AgentCallsTodayFetcher.FeedName);
        // N agents cost N polls: a slower default than the other feeds, unless Dashboard:Live:Intervals:AgentCallsToday says otherwise.
        services.PostConfigure<DashboardOptions>(options => options.Live.Intervals.TryAdd(AgentCallsTodayFetcher.FeedName, AgentCallsTodayFetcher.DefaultInterval));
        return services;
    }

    /// <summary>Maps the area's HTTP endpoints: the CSV downloads of upload reports.</summary>
    public static IEndpointRouteBuilder MapCampaignsArea(this IEndpointRouteBuilder endpoints) => endpoints.MapUploadDownloads();
}
