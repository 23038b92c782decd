using Osvi.Dashboard.Components.Chat;
using Osvi.Dashboard.Live;

namespace Osvi.Dashboard.Services.Chat;

/// <summary>Composition of the Chat area: its services, live feeds and HTTP endpoints, registered from
/// <c>Hosting/DashboardServicesSetup</c> and <c>Hosting/PipelineSetup</c> so each area keeps its wiring to itself.</summary>
internal static class ChatArea
{
    /// <summary>Registers the area's services and live feeds.</summary>
    public static IServiceCollection AddChatArea(this IServiceCollection services)
    {
        services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.SectionName);
        services.AddSingleton<IChatHistory, ChatHistoryStore>();
        services.AddScoped<IChatService, ChatService>();
        services.AddScoped<IChatAgentDirectory, ChatAgentDirectory>();
        services.AddScoped<ChatBrowser>();
        services.AddLiveFeed<ChatSessionKey, ActiveChatLookup, ChatSessionFetcher>(ChatSessionFetcher.FeedName);
        return services;
    }

    /// <summary>Maps the area's HTTP endpoints (e.g. downloads), if it has any.</summary>
    public static IEndpointRouteBuilder MapChatArea(this IEndpointRouteBuilder endpoints) => endpoints;
}
