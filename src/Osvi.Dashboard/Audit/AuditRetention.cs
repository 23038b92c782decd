using Microsoft.EntityFrameworkCore;
using Osvi.Dashboard.Data;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Admin;

namespace Osvi.Dashboard.Audit;

/// <summary>Deletes audit entries older than the retention setting (Settings page; default
/// <c>Dashboard:Security:AuditRetentionDays</c>, 0 keeps them forever) at start and then hourly, and records each purge
/// that removed something in the audit log itself.</summary>
internal sealed partial class AuditRetention(
    IDbContextFactory<DashboardDbContext> database,
    IDashboardSettings settings,
    IAuditLog audit,
    TimeProvider time,
    ILogger<AuditRetention> logger) : BackgroundService
{
    /// <summary>How often the purge runs.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Who the audit log names for a purge.</summary>
    public static readonly DashboardUser System = new("system", null, false, []);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try
                {
                    await PurgeAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogPurgeFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Deletes what is older than the retention; returns how many entries went.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var days = (await settings.GetAsync(ct)).AuditRetentionDays;
        if (days <= 0)
        {
            return 0;
        }

        var cutoff = time.GetUtcNow().AddDays(-days);
        await using var db = await database.CreateDbContextAsync(ct);
        var deleted = await db.AuditEntries.Where(entry => entry.OccurredAt < cutoff).ExecuteDeleteAsync(ct);
        if (deleted > 0)
        {
            LogPurged(logger, deleted, days);
            await audit.WriteAsync(new AuditRecord
            {
                Category = AuditCategories.Audit,
                Action = "audit.purge",
                Source = "retention",
                Parameters = new Dictionary<string, object?> { ["retention_days"] = days, ["older_than"] = cutoff },
            }, System, AuditOutcome.Succeeded($"Deleted {deleted} entries older than {days} days."), ct);
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit retention: deleted {Count} entries older than {Days} days")]
    private static partial void LogPurged(ILogger logger, int count, int days);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit retention purge failed; it runs again within the hour")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
