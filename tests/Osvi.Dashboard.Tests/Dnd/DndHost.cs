using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Services.Dnd;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Tests.Dnd;

/// <summary>The real dashboard host against the in-memory simulator, with the DND service of one scope (a "circuit"
/// signed in as <see cref="UserName"/> with the host's role), HTTP clients signed in the same way, the simulator's admin
/// API and the DND rows of the audit log.</summary>
internal sealed class DndHost : IAsyncDisposable
{
    public const string Renewals = "Policy Renewals";       // active, 12 seeded DND entries
    public const string Reminders = "Appointment Reminder"; // active, 5 seeded entries
    public const string Leads = "Lead Qualifier";           // inactive

    /// <summary>The user the host's scope and clients act as.</summary>
    public const string UserName = "dnd-tester";

    private readonly AsyncServiceScope _scope;
    private readonly string _role;

    private DndHost(DashboardFactory factory, string role)
    {
        Factory = factory;
        _role = role;
        _ = factory.Services;
        _scope = factory.CreateScopeAs(role, UserName);
        Dnd = _scope.ServiceProvider.GetRequiredService<IDndService>();
        Admin = SimulatorAdmin.For(factory);
    }

    public DashboardFactory Factory { get; }

    public IDndService Dnd { get; }

    public SimulatorAdmin Admin { get; }

    public static DndHost Start(string role = "admin", params (string Key, string Value)[] settings)
    {
        var factory = new DashboardFactory();
        foreach (var (key, value) in settings)
        {
            factory.WithSetting(key, value);
        }

        return new DndHost(factory, role);
    }

    /// <summary>An HTTP client signed in as the host's user and role (no automatic redirects).</summary>
    public HttpClient CreateClient() => Factory.CreateClientAs(_role, UserName);

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
