using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Services.Dnd;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Tests.Dnd;

/// <summary>The real dashboard host against the in-memory simulator, with the DND service of one scope (a "circuit"
/// whose user is the anonymous visitor with <c>Dashboard:Security:AnonymousRole</c>), the simulator's admin API and the
/// DND rows of the audit log.</summary>
internal sealed class DndHost : IAsyncDisposable
{
    public const string Renewals = "Policy Renewals";       // active, 12 seeded DND entries
    public const string Reminders = "Appointment Reminder"; // active, 5 seeded entries
    public const string Leads = "Lead Qualifier";           // inactive

    private readonly AsyncServiceScope _scope;

    private DndHost(DashboardFactory factory)
    {
        Factory = factory;
        _ = factory.Services;
        _scope = factory.Services.CreateAsyncScope();
        Dnd = _scope.ServiceProvider.GetRequiredService<IDndService>();
        Admin = SimulatorAdmin.For(factory);
    }

    public DashboardFactory Factory { get; }

    public IDndService Dnd { get; }

    public SimulatorAdmin Admin { get; }

    public static DndHost Start(string role = "admin", params (string Key, string Value)[] settings)
    {
        var factory = new DashboardFactory().WithSetting(DashboardConfigNames.AnonymousRole, role);
        foreach (var (key, value) in settings)
        {
            factory.WithSetting(key, value);
        }

        return new DndHost(factory);
    }

    public Task<string> AgentAsync(string name) => Admin.AgentIdAsync(name, TestContext.Current.CancellationToken);

    public Task<long> PostsAsync() => Admin.RequestCountAsync("POST", "/v1/dnd_numbers", TestContext.Current.CancellationToken);

    public Task<long> DeletesAsync() => Admin.RequestCountAsync("DELETE", "/v1/dnd_numbers", TestContext.Current.CancellationToken);

    public async Task<IReadOnlyList<AuditEntry>> AuditRowsAsync()
    {
        var page = await Factory.Services.GetRequiredService<IAuditLog>()
            .QueryAsync(new AuditQuery { Category = AuditCategories.Dnd, Take = 500 }, TestContext.Current.CancellationToken);
        return [.. page.Items.OrderBy(entry => entry.Id)];
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _scope.DisposeAsync();
        await Factory.DisposeAsync();
    }
}
