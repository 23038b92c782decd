using Microsoft.Extensions.Time.Testing;
using Osvi.Client;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Audit;

public sealed class AuditLogTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 12, 6, 30, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private AuditLog _audit = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _audit = new AuditLog(_database, _time, TestOptions.Redactor());
        var asha = new DashboardUser("asha", "1", true, [DashboardRoles.Operator]);
        var ravi = new DashboardUser("ravi", "2", true, [DashboardRoles.Admin]);
        await WriteAsync(AuditCategories.Dnd, "dnd.add", asha, "+919876543210", AuditOutcome.Succeeded());
        _time.Advance(TimeSpan.FromHours(1));
        await WriteAsync(AuditCategories.Dnd, "dnd.remove", ravi, "+919876500000", AuditOutcome.Failed(new OsviError(OsviErrorKind.NotFound, 404, "Phone not found in DND list", [])));
        _time.Advance(TimeSpan.FromHours(1));
        await WriteAsync(AuditCategories.Calls, "call.start", asha, "+919876543210", AuditOutcome.Succeeded("call id 1"));
        _time.Advance(TimeSpan.FromDays(1));
        await WriteAsync(AuditCategories.Dnd, "dnd.add", asha, "+919811111111", AuditOutcome.Refused(new Osvi.Dashboard.Services.ServiceRefusal(DashboardPermission.ManageDnd, "no")));
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task QueryAsync_DndCategory_ReturnsOnlyDndEntriesNewestFirst()
    {
        var page = await _audit.QueryAsync(new AuditQuery { Category = AuditCategories.Dnd }, TestContext.Current.CancellationToken);

        Assert.Equal(3, page.TotalCount);
        Assert.Equal(["+919811111111", "+919876500000", "+919876543210"], page.Items.Select(e => e.Phone));
    }

    [Fact]
    public async Task QueryAsync_Filters_CombineUserPhoneResultAndDates()
    {
        var start = new DateTimeOffset(2026, 6, 12, 6, 30, 0, TimeSpan.Zero);

        var byPhone = await _audit.QueryAsync(new AuditQuery { Phone = "43210" }, TestContext.Current.CancellationToken);
        var byUser = await _audit.QueryAsync(new AuditQuery { User = "rav" }, TestContext.Current.CancellationToken);
        var failed = await _audit.QueryAsync(new AuditQuery { Result = AuditResult.Failed }, TestContext.Current.CancellationToken);
        var firstDay = await _audit.QueryAsync(new AuditQuery { From = start, To = start.AddDays(1) }, TestContext.Current.CancellationToken);

        Assert.Equal(2, byPhone.TotalCount);
        Assert.Equal("dnd.remove", Assert.Single(byUser.Items).Action);
        Assert.Equal("Phone not found in DND list", Assert.Single(failed.Items).Message);
        Assert.Equal(3, firstDay.TotalCount);
    }

    [Fact]
    public async Task QueryAsync_Paging_SkipsAndTakes()
    {
        var page = await _audit.QueryAsync(new AuditQuery { Skip = 1, Take = 2 }, TestContext.Current.CancellationToken);

        Assert.Equal(4, page.TotalCount);
        Assert.Equal(["call.start", "dnd.remove"], page.Items.Select(e => e.Action));
    }

    [Fact]
    public async Task StreamAsync_Filter_YieldsEveryMatchNewestFirst()
    {
        var actions = new List<string>();
        await foreach (var entry in _audit.StreamAsync(new AuditQuery { User = "asha", Take = 1 }, TestContext.Current.CancellationToken))
        {
            actions.Add(entry.Action);
        }

        Assert.Equal(["dnd.add", "call.start", "dnd.add"], actions);
    }

    private Task<long> WriteAsync(string category, string action, DashboardUser user, string phone, AuditOutcome outcome) =>
        _audit.WriteAsync(new AuditRecord { Category = category, Action = action, Phone = phone }, user, outcome);
}
