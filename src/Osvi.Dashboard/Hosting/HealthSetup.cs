using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Osvi.Client;
using Osvi.Dashboard.Data;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Services;

namespace Osvi.Dashboard.Hosting;

internal static class HealthSetup
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";
    private const string LiveTag = "live";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddDashboardHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<OsviReadinessCheck>();
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("The dashboard process is running."), tags: [LiveTag])
            .AddCheck<OsviReadinessCheck>("osvi", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(15))
            .AddCheck<DatabaseReadinessCheck>("database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    /// <summary><c>/healthz</c>: the process answers (200). <c>/readyz</c>: OSVI answers with the configured token and the
    /// database opens (200, else 503). Both JSON, anonymous, never a secret or a stack trace.</summary>
    public static WebApplication MapDashboardHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag), ResponseWriter = WriteAsync })
            .AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .AllowAnonymous().DisableHttpMetrics();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var mode = context.RequestServices.GetRequiredService<DashboardModeInfo>();
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            mode = mode.Mode.ToString(),
            durationMs = (int)report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => new
            {
                status = entry.Value.Status.ToString(),
                description = entry.Value.Description,
                durationMs = (int)entry.Value.Duration.TotalMilliseconds,
            }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}

/// <summary>Ready when OSVI answers <c>GET /v1/active_agents</c> with the configured token. Results are reused for a
/// few seconds so a busy probe cannot spend OSVI's rate limit.</summary>
internal sealed partial class OsviReadinessCheck(IServiceScopeFactory scopes, TimeProvider time, ILogger<OsviReadinessCheck> logger) : IHealthCheck
{
    private static readonly TimeSpan s_cacheFor = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && time.GetUtcNow() - last.At < s_cacheFor)
            {
                return last.Result;
            }

            var result = await ProbeAsync(cancellationToken);
            _last = (result, time.GetUtcNow());
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var osvi = scope.ServiceProvider.GetRequiredService<OsviGateway>();
            var started = time.GetTimestamp();
            var answer = await osvi.SendAsync("readiness probe", (api, ct) => api.GetActiveAgentsAsync(ct), cancellationToken);
            var elapsed = (int)time.GetElapsedTime(started).TotalMilliseconds;
            return answer.Error switch
            {
                null => HealthCheckResult.Healthy($"OSVI answered with the configured token in {elapsed} ms."),
                { Kind: OsviErrorKind.Unauthorized } => HealthCheckResult.Unhealthy($"OSVI rejected the configured API token (401). Check {OsviApiOptions.ApiTokenKey}."),
                { Kind: OsviErrorKind.RateLimited } => HealthCheckResult.Degraded("OSVI is rate limiting the dashboard (429)."),
                var error => HealthCheckResult.Unhealthy($"OSVI is not usable: {error.Kind}{(error.StatusCode is { } code ? $" (HTTP {code})" : "")}."),
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception's text stays in the log: the endpoint is anonymous.
            LogProbeFailed(logger, exception);
            return HealthCheckResult.Unhealthy("The readiness probe failed inside the dashboard; see the dashboard's log.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The OSVI readiness probe failed inside the dashboard")]
    private static partial void LogProbeFailed(ILogger logger, Exception exception);
}

/// <summary>Ready when the dashboard database opens.</summary>
internal sealed class DatabaseReadinessCheck(IDbContextFactory<DashboardDbContext> database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await database.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The dashboard database is available.")
            : HealthCheckResult.Unhealthy("The dashboard database cannot be opened; check Dashboard:DataPath and its permissions.");
    }
}
