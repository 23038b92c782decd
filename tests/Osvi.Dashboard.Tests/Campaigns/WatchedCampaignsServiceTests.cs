using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Services.Overview;
using Osvi.Dashboard.Testing.Fakes;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Campaigns;

public sealed class WatchedCampaignsServiceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 12, 6, 30, 0, TimeSpan.Zero));
    private readonly FakeOsviApi _api = new();
    private TestDatabase _database = null!;
    private AuditLog _audit = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _audit = new AuditLog(_database, _time, TestOptions.Redactor());
        _api.OnGetCampaignStatus = async (id, _) => id == 7
            ? new OsviEnvelope<CampaignStatusSnapshot> { Success = true, Data = CampaignFixtures.Snapshot() }
            : throw await OsviFailures.ApiAsync(HttpStatusCode.NotFound, """{"success":false,"error":"Not found","details":null}""");
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task WatchAsync_CampaignOsviKnows_IsStoredWithWhoAndWhenAndAudited()
    {
        var result = await Service().WatchAsync(7, "  Renewals ", TestContext.Current.CancellationToken);

        Assert.Equal(("June Renewals", false), (result.Value!.CampaignName, result.Value.AlreadyWatched));
        var stored = Assert.Single(await Service().ListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(new WatchedCampaignView(7, "Renewals", "olga", _time.GetUtcNow()), stored);
        var entry = Assert.Single((await _audit.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken)).Items);
        Assert.Equal(("campaign.watch", "campaign 7", AuditResult.Succeeded), (entry.Action, entry.Target, entry.Result));
        Assert.Equal("watching \"June Renewals\"", entry.Message);
    }

    [Fact]
    public async Task WatchAsync_WrongId_IsNotFoundAndNothingIsStored()
    {
        var result = await Service().WatchAsync(99, null, TestContext.Current.CancellationToken);

        Assert.Equal(OsviErrorKind.NotFound, result.Error!.Kind);
        Assert.Empty(await Service().ListAsync(TestContext.Current.CancellationToken));
        var entry = Assert.Single((await _audit.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken)).Items);
        Assert.Equal((AuditResult.Failed, "NotFound"), (entry.Result, entry.ErrorKind));
    }

    [Fact]
    public async Task WatchAsync_Twice_KeepsOneRowAndSaysItWasWatched()
    {
        await Service().WatchAsync(7, "First", TestContext.Current.CancellationToken);

        var second = await Service().WatchAsync(7, "Second", TestContext.Current.CancellationToken);

        Assert.True(second.Value!.AlreadyWatched);
        Assert.Equal("First", Assert.Single(await Service().ListAsync(TestContext.Current.CancellationToken)).LocalName);
    }

    [Fact]
    public async Task WatchAsync_Viewer_IsRefusedWithoutAskingOsvi()
    {
        var result = await Service(DashboardRoles.Viewer).WatchAsync(7, null, TestContext.Current.CancellationToken);

        Assert.Equal(DashboardPermission.ManageWatchedCampaigns, result.Refusal!.Permission);
        Assert.Empty(_api.Calls);
        Assert.Empty(await Service().ListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(AuditResult.Refused, Assert.Single((await _audit.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken)).Items).Result);
    }

    [Fact]
    public async Task RenameAsync_AndUnwatchAsync_ChangeTheListAndAreAudited()
    {
        await Service().WatchAsync(7, null, TestContext.Current.CancellationToken);

        var renamed = await Service().RenameAsync(7, "Renewals", TestContext.Current.CancellationToken);
        var cleared = await Service().RenameAsync(7, "   ", TestContext.Current.CancellationToken);
        var removed = await Service().UnwatchAsync(7, TestContext.Current.CancellationToken);
        var again = await Service().UnwatchAsync(7, TestContext.Current.CancellationToken);

        Assert.Equal("Renewals", renamed.Value!.LocalName);
        Assert.Null(cleared.Value!.LocalName);
        Assert.True(removed.Value);
        Assert.False(again.Value);
        Assert.Empty(await Service().ListAsync(TestContext.Current.CancellationToken));
        var actions = (await _audit.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken)).Items.Select(entry => (entry.Action, entry.Message)).Reverse();
        Assert.Equal(
        [
            ("campaign.watch", "watching \"June Renewals\""), ("campaign.rename", "renamed to \"Renewals\""), ("campaign.rename", "local name cleared"),
            ("campaign.unwatch", "no longer watched"), ("campaign.unwatch", "was not watched"),
        ], actions);
    }

    [Fact]
    public async Task SuggestFromRecentCallsAsync_RecentCalls_OffersUnwatchedCampaignsMostCallsFirst()
    {
        _api.OnListCalls = (query, _) => Task.FromResult(new OsviPagedEnvelope<CallSummary>
        {
            Success = true,
            Data = [Call(7), Call(8), Call(8), Call(null), Call(9), Call(8), Call(9)],
            Meta = new PageMeta { CurrentPage = 1, PerPage = 100, TotalCount = 7, TotalPages = 1 },
        });

        var result = await Campaigns().SuggestFromRecentCallsAsync(new HashSet<long> { 7 }, TestContext.Current.CancellationToken);

        Assert.Equal([(8L, 3), (9L, 2)], result.Value!.Select(suggestion => (suggestion.CampaignId, suggestion.CallsSeen)));
    }

    private static CallSummary Call(long? campaignId) => new() { CallId = Guid.NewGuid().ToString(), CampaignId = campaignId, CreatedAt = DateTimeOffset.UnixEpoch };

    private CampaignsService Campaigns() => new(new OsviGateway(_api, new OsviAuthAlarm(), TestOptions.Redactor(), NullLogger<OsviGateway>.Instance));

    private WatchedCampaignsService Service(string role = DashboardRoles.Operator)
    {
        var user = Users.As("olga", role);
        var actions = new AuditedActions(new PermissionGuard(user, NullLogger<PermissionGuard>.Instance), _audit, NullLogger<AuditedActions>.Instance);
        return new WatchedCampaignsService(_database, new OverviewService(_database), Campaigns(), actions, user, _time);
    }
}
