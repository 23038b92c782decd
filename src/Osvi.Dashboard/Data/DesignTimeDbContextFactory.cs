using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Osvi.Dashboard.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the dashboard (which could start the demo simulator).</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
