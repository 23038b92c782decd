using MudBlazor;
using MudBlazor.Services;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Admin;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Services.Chat;
using Osvi.Dashboard.Services.Connection;
using Osvi.Dashboard.Services.Dnd;
using Osvi.Dashboard.Services.Overview;
using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Hosting;

internal static class DashboardServicesSetup
{
    /// <summary>Blazor, MudBlazor, the per-area services, live feeds, permissions and audit.</summary>
    public static IServiceCollection AddDashboardServices(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddDashboardLimits();
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.PreventDuplicates = true;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();

        // Permissions and audit: services check before they change anything, and record every outcome.
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<IPermissionGuard, PermissionGuard>();
        services.AddScoped<IAuditedActions, AuditedActions>();
        services.AddSingleton<IAuditLog, AuditLog>();

        // Live data: one store, one poller, feeds polled only while watched.
        services.AddSingleton<LiveDataStore>();
        services.AddSingleton<ILiveData>(provider => provider.GetRequiredService<LiveDataStore>());
        services.AddHostedService<LivePoller>();
        services.AddLiveFeed<OsviConnectionKey, OsviConnection, OsviConnectionFetcher>(OsviConnectionFetcher.FeedName);
        services.AddLiveFeed<ActiveAgentsKey, IReadOnlyList<AgentView>, ActiveAgentsFetcher>(ActiveAgentsFetcher.FeedName);
        services.AddLiveFeed<CallsTodayKey, CallCounts, CallsTodayFetcher>(CallsTodayFetcher.FeedName);

        // Per-area services (Services/<Area>/): pages depend on these, never on IOsviApi.
        services.AddSingleton<DashboardClock>();
        services.AddScoped<IAgentsService, AgentsService>();
        services.AddScoped<ICallCountsService, CallCountsService>();
        services.AddScoped<IOverviewService, OverviewService>();
        services.AddScoped<IPhoneNumberDisplay, PhoneNumberDisplay>();

        // Feature areas: each keeps its registrations in Services/<Area>/<Area>Area.cs.
        services.AddAdminArea();
        services.AddCallsArea();
        services.AddCampaignsArea();
        services.AddDndArea();
        services.AddChatArea();

        services.AddDashboardHealthChecks();
        services.AddHostedService<StartupReport>();
        return services;
    }
}
