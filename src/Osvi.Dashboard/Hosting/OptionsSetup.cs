using Microsoft.Extensions.Options;
using Osvi.Dashboard.Options;

namespace Osvi.Dashboard.Hosting;

internal static class OptionsSetup
{
    /// <summary>Binds <c>Dashboard</c> to <see cref="DashboardOptions"/>, validated at start-up with messages that name the key.</summary>
    public static IServiceCollection AddDashboardOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>()
            .Bind(configuration.GetSection(DashboardConfigNames.DashboardSection))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
