using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Osvi.Dashboard.Options;

namespace Osvi.Dashboard.Data;

/// <summary>Where the database lives and how it is brought up to date at start-up.</summary>
public static partial class DashboardDatabase
{
    /// <summary>The database file's name inside the data folder.</summary>
    public const string FileName = "osvi-dashboard.db";

    /// <summary>The SQLite connection string for a data folder.</summary>
    public static string ConnectionString(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(options.GetDataDirectory(), FileName), Pooling = true }.ToString();
    }

    /// <summary>Creates the data folder and applies pending migrations.</summary>
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DashboardOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardDatabase));
        var directory = options.GetDataDirectory();
        Directory.CreateDirectory(directory);

        var factory = services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        // WAL lets the audit log be written while pages read it.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        LogReady(logger, Path.Combine(directory, FileName), pending.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard database ready at {Path} ({Applied} migrations applied)")]
    private static partial void LogReady(ILogger logger, string path, int applied);
}
