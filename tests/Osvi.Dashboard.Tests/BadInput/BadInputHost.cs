using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Chat;
using Osvi.Dashboard.Services.Dnd;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Tests.BadInput;

/// <summary>One real dashboard host against the in-memory simulator for a whole corpus class: the DND and chat services
/// of one operator's scope (a circuit signed in as an operator), what went upstream, and the audit rows. Counts are compared before and after each case.</summary>
public sealed class BadInputHost : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;

    public BadInputHost()
    {
        Factory = new DashboardFactory();
        _scope = Factory.CreateScopeAs(DashboardRoles.Operator);
        Admin = SimulatorAdmin.For(Factory);
    }

    public DashboardFactory Factory { get; }

    public SimulatorAdmin Admin { get; }

    public IDndService Dnd => _scope.ServiceProvider.GetRequiredService<IDndService>();

    public IChatService Chat => _scope.ServiceProvider.GetRequiredService<IChatService>();

    /// <summary>Requests that change something (not GET) sent upstream so far.</summary>
    public int Writes => Factory.UpstreamRequests.Requests.Count(r => r.Method != "GET");

    /// <summary>Every request sent upstream so far.</summary>
    public int Requests => Factory.UpstreamRequests.Requests.Count;

    public async Task<int> AuditRowsAsync() =>
        (await Factory.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Take = 1 }, TestContext.Current.CancellationToken)).TotalCount;

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _scope.DisposeAsync();
        await Factory.DisposeAsync();
    }
}
