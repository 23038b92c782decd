using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Osvi.Client;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Audit;

public sealed class AuditedActionsTests : IAsyncLifetime
{
    private static readonly AuditRecord s_addToDnd = new()
    {
        Category = AuditCategories.Dnd,
        Action = "dnd.add",
        AgentUuid = "agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og",
        Phone = "+919876543210",
        Parameters = new Dictionary<string, object?> { ["reason"] = "customer opted out" },
        Source = "manual",
    };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 12, 6, 30, 0, TimeSpan.Zero));
    private readonly FakeLogger<AuditedActions> _logger = new();
    private TestDatabase _database = null!;
    private AuditLog _audit = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _audit = new AuditLog(_database, _time, TestOptions.Redactor());
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private AuditedActions Actions(string role, string name = "user-1") =>
        new(new PermissionGuard(Users.As(name, role), NullLogger<PermissionGuard>.Instance), _audit, _logger);

    [Fact]
    public async Task RunAsync_ViewerChangesDnd_IsRefusedNotRunAndAudited()
    {
        var ran = false;

        var result = await Actions(DashboardRoles.Viewer, "vera").RunAsync(DashboardPermission.ManageDnd, s_addToDnd,
            _ => { ran = true; return Task.FromResult(ServiceResult<string>.Success("added")); }, ct: TestContext.Current.CancellationToken);

        Assert.False(ran);
        Assert.Equal(DashboardPermission.ManageDnd, result.Refusal!.Permission);
        var entry = Assert.Single((await _audit.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken)).Items);
        Assert.Equal(AuditResult.Refused, entry.Result);
        Assert.Equal("vera", entry.UserName);
        Assert.Equal("dnd.add", entry.Action);
        Assert.Equal("+919876543210", entry.Phone);
    }

    [Fact]
    public async Task RunAsync_OperatorSucceeds_RunsOnceAndRecordsWhoWhenWhatAndOsvisMessage()
    {
        var runs = 0;

        var result = await Actions(DashboardRoles.Operator, "olu").RunAsync(DashboardPermission.ManageDnd, s_addToDnd,
            _ => { runs++; return Task.FromResult(ServiceResult<string>.Success("Phone added to DND list")); },
            successMessage: message => message, ct: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(1, runs);
        var entry = Assert.Single((await _audit.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken)).Items);
        Assert.Equal(AuditResult.Succeeded, entry.Result);
        Assert.Equal("olu", entry.UserName);
        Assert.Equal("id-olu", entry.UserId);
        Assert.Equal(_time.GetUtcNow(), entry.OccurredAt);
        Assert.Equal(AuditCategories.Dnd, entry.Category);
        Assert.Equal("agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", entry.AgentUuid);
        Assert.Equal("manual", entry.Source);
        Assert.Equal("Phone added to DND list", entry.Message);
        Assert.Equal("customer opted out", JsonDocument.Parse(entry.ParametersJson!).RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task RunAsync_OsviRefuses_AuditsTheFailureWithOsvisMessageAndWarns()
    {
        var error = new OsviError(OsviErrorKind.Validation, 400, "phone is invalid", [new OsviFieldError("phone", "is invalid")]);

        var result = await Actions(DashboardRoles.Operator).RunAsync(DashboardPermission.ManageDnd, s_addToDnd,
            _ => Task.FromResult(ServiceResult<string>.Failed(error)), ct: TestContext.Current.CancellationToken);

        Assert.Same(error, result.Error);
        var entry = Assert.Single((await _audit.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken)).Items);
        Assert.Equal(AuditResult.Failed, entry.Result);
        Assert.Equal("phone is invalid", entry.Message);
        Assert.Equal(400, entry.StatusCode);
        Assert.Equal("Validation", entry.ErrorKind);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("dnd.add", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_OsviUnreachable_AuditsTheFailure()
    {
        var result = await Actions(DashboardRoles.Admin).RunAsync(DashboardPermission.ManageDnd, s_addToDnd,
            _ => Task.FromResult(ServiceResult<string>.Failed(new OsviError(OsviErrorKind.Unreachable, null, "OSVI could not be reached: connection refused", []))),
            ct: TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        var entry = Assert.Single((await _audit.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken)).Items);
        Assert.Equal(("Unreachable", (int?)null), (entry.ErrorKind, entry.StatusCode));
    }

    [Fact]
    public async Task RunAsync_CancelledInFlight_AuditsAnUnknownOutcomeAndRethrows()
    {
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Actions(DashboardRoles.Operator).RunAsync(DashboardPermission.ManageDnd, s_addToDnd,
            ct =>
            {
                cancellation.Cancel();
                ct.ThrowIfCancellationRequested();
                return Task.FromResult(ServiceResult<string>.Success("never"));
            }, ct: cancellation.Token));

        var entry = Assert.Single((await _audit.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken)).Items);
        Assert.Equal(AuditResult.Failed, entry.Result);
        Assert.Equal("Cancelled", entry.ErrorKind);
        Assert.Contains("may or may not", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ActionThrows_AuditsAndRethrows()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Actions(DashboardRoles.Operator).RunAsync<string>(DashboardPermission.ManageDnd, s_addToDnd,
            _ => throw new InvalidOperationException("bug"), ct: TestContext.Current.CancellationToken));

        var entry = Assert.Single((await _audit.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken)).Items);
        Assert.Equal("Unexpected", entry.ErrorKind);
    }

    [Fact]
    public async Task RunAsync_AuditDatabaseFails_StillReturnsTheResultAndLogsCritically()
    {
        var actions = new AuditedActions(new PermissionGuard(Users.As("olu", DashboardRoles.Operator), NullLogger<PermissionGuard>.Instance), new BrokenAuditLog(), _logger);

        var result = await actions.RunAsync(DashboardPermission.StartCalls, new AuditRecord { Category = AuditCategories.Calls, Action = "call.start", Phone = "+919876543210" },
            _ => Task.FromResult(ServiceResult<string>.Success("call-1")), ct: TestContext.Current.CancellationToken);

        Assert.Equal("call-1", result.Value);
        var critical = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Critical);
        Assert.Contains("call.start", critical.Message, StringComparison.Ordinal);
        Assert.Contains("+919876543210", critical.Message, StringComparison.Ordinal);
    }

    private sealed class BrokenAuditLog : IAuditLog
    {
        public Task<long> WriteAsync(AuditRecord record, DashboardUser user, AuditOutcome outcome, CancellationToken ct = default) => throw new IOException("disk full");

        public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct) => throw new NotSupportedException();

        public IAsyncEnumerable<Osvi.Dashboard.Audit.AuditEntry> StreamAsync(AuditQuery query, CancellationToken ct) => throw new NotSupportedException();
    }
}
