using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Osvi.Dashboard.Audit;

namespace Osvi.Dashboard.Data;

/// <summary>What the dashboard itself remembers, in SQLite under <c>Dashboard:DataPath</c>. Add a table: an entity, a
/// <see cref="DbSet{TEntity}"/>, an <c>IEntityTypeConfiguration</c> next to it, then
/// <c>dotnet ef migrations add &lt;Name&gt; --project src/Osvi.Dashboard --output-dir Data/Migrations</c>.
/// Migrations are applied at start-up.</summary>
public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : DbContext(options)
{
    /// <summary>The audit log (every state change, also refused and failed ones).</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Campaigns the dashboard watches.</summary>
    public DbSet<WatchedCampaign> WatchedCampaigns => Set<WatchedCampaign>();

    /// <summary>Chat messages and commands sent through the dashboard (OSVI has no message history endpoint).</summary>
    public DbSet<Services.Chat.ChatHistoryEntry> ChatHistory => Set<Services.Chat.ChatHistoryEntry>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // SQLite cannot compare or order DateTimeOffset text; UTC ticks sort and filter correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}
