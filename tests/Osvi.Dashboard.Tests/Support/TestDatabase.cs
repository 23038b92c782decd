using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Osvi.Dashboard.Data;

namespace Osvi.Dashboard.Tests.Support;

/// <summary>A migrated SQLite database in a temporary file, deleted on dispose.</summary>
internal sealed class TestDatabase : IDbContextFactory<DashboardDbContext>, IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "osvi-dashboard-tests", Guid.NewGuid().ToString("N"));
    private readonly DbContextOptions<DashboardDbContext> _options;

    private TestDatabase()
    {
        Directory.CreateDirectory(_directory);
        _options = new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={Path.Combine(_directory, "test.db")}").Options;
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public DashboardDbContext CreateDbContext() => new(_options);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
