using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security.Authorization;

namespace Osvi.Dashboard.Services.Admin;

/// <summary>Composition of the administration area: users, kiosk links, run-time settings, the audit log page's service,
/// its CSV export endpoint and the retention purge.</summary>
internal static class AdminArea
{
    /// <summary>The audit log's CSV export (GET, same query as the page).</summary>
    public const string AuditExportPath = "/audit/export.csv";

    public static IServiceCollection AddAdminArea(this IServiceCollection services)
    {
        services.AddSingleton<DashboardSettingsStore>();
        services.AddSingleton<IDashboardSettings>(provider => provider.GetRequiredService<DashboardSettingsStore>());
        services.AddScoped<IUserAdministration, UserAdministration>();
        services.AddScoped<IKioskAdministration, KioskAdministration>();
        services.AddScoped<ISettingsAdministration, SettingsAdministration>();
        services.AddScoped<IAuditBrowser, AuditBrowser>();
        services.AddHostedService<AuditRetention>();
        return services;
    }

    public static IEndpointRouteBuilder MapAdminArea(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(AuditExportPath, ExportAuditAsync).RequireAuthorization(DashboardPolicies.ReadAuditLog);
        return endpoints;
    }

    private static async Task ExportAuditAsync(HttpContext http, IAuditBrowser audit, IOptions<DashboardOptions> options, TimeProvider time)
    {
        var filter = AuditFilter.Parse(key => http.Request.Query[key].FirstOrDefault());
        var zone = options.Value.GetTimeZone();
        var stamp = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"osvi-audit-{stamp}.csv\"";
        http.Response.Headers.CacheControl = "no-store";
        var result = await audit.ExportCsvAsync(filter.ToQuery(zone), http.Response.Body, http.RequestAborted);
        if (!result.Succeeded && !http.Response.HasStarted)
        {
            http.Response.Headers.ContentDisposition = default;
            http.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            http.Response.StatusCode = result.Refusal is not null ? StatusCodes.Status403Forbidden : StatusCodes.Status500InternalServerError;
        }
    }
}
