using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security.Accounts;
using Osvi.Dashboard.Security.Kiosk;
using Osvi.Dashboard.Services.Admin;

namespace Osvi.Dashboard.Data;

/// <summary>What the dashboard itself remembers, in SQLite under <c>Dashboard:DataPath</c>. Add a table: an entity, a
/// <see cref="DbSet{TEntity}"/>, an <c>IEntityTypeConfiguration</c> next to it, then
/// <c>dotnet ef migrations add &lt;Name&gt; --project src/Osvi.Dashboard --output-dir Data/Migrations</c>.
/// Migrations are applied at start-up. The ASP.NET Core Identity tables (<c>AspNetUsers</c>, <c>AspNetRoles</c>…) hold the
/// dashboard's accounts.</summary>
public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : IdentityDbContext<DashboardAccount>(options)
{
    /// <summary>The audit log (every state change, also refused and failed ones).</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Campaigns the dashboard watches.</summary>
    public DbSet<WatchedCampaign> WatchedCampaigns => Set<WatchedCampaign>();

    /// <summary>Links that open the wallboard without a staff sign-in.</summary>
    public DbSet<KioskLink> KioskLinks => Set<KioskLink>();

    /// <summary>Run-time settings an administrator changed.</summary>
    public DbSet<DashboardSetting> DashboardSettings => Set<DashboardSetting>();

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
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}
