using Osvi.Client;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;

namespace Osvi.Dashboard.Hosting;

internal static class OsviClientSetup
{
    /// <summary>The typed OSVI client (token handler, resilience, validated <c>OsviApi</c> options) and the gateway every
    /// dashboard service calls it through.</summary>
    public static IServiceCollection AddDashboardOsviClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOsviClient(configuration);
        services.AddSingleton<OsviAuthAlarm>();
        services.AddSingleton<OsviRateLimitMemory>();
        services.AddSingleton<SecretRedactor>();
        services.AddTransient<OsviGateway>();
        return services;
    }
}
