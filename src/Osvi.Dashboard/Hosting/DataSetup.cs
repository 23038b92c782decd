using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Data;
using Osvi.Dashboard.Options;

namespace Osvi.Dashboard.Hosting;

internal static class DataSetup
{
    /// <summary>EF Core + SQLite in <c>Dashboard:DataPath</c>. Components and singletons use
    /// <see cref="IDbContextFactory{TContext}"/> (a context per operation, as Blazor Server needs); a scoped
    /// <see cref="DashboardDbContext"/> is registered too (e.g. for ASP.NET Core Identity's stores).</summary>
    public static IServiceCollection AddDashboardData(this IServiceCollection services)
    {
        services.AddDbContextFactory<DashboardDbContext>((provider, options) =>
            options.UseSqlite(DashboardDatabase.ConnectionString(provider.GetRequiredService<IOptions<DashboardOptions>>().Value)));
        return services;
    }
}
