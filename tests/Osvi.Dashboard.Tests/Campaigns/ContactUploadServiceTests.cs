using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Campaigns.Uploads;
using Osvi.Dashboard.Testing.Fakes;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Campaigns;

/// <summary>Sending batches through a fake OSVI: each once, in order, stopping at the first that does not go through,
/// each audited.</summary>
public sealed class ContactUploadServiceTests : IAsyncLifetime
{
    private const string Agent = "agent_J4RK39KQg7g00MsYLe2yEfkev7";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 12, 6, 30, 0, TimeSpan.Zero));
    private readonly FakeOsviApi _api = new();
    private readonly List<AddContactsRequest> _sent = [];
    private TestDatabase _database = null!;
    private AuditLog _audit = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _audit = new AuditLog(_database, _time, TestOptions.Redactor());
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task SendAsync_ThreeBatches_SendsEachOnceInOrderAndReportsOsvisCounts()
    {
        _api.OnAddCampaignContacts = (id, request, _) => Stored(request);
        var request = Request(contacts: 25, batchSize: 10);
        var seen = new List<string>();

        var report = await Service().SendAsync(request, progress =>
        {
            seen.Add(string.Join(",", progress.Batches.Select(batch => batch.State)));
            return Task.CompletedTask;
        }, TestContext.Current.CancellationToken);

        Assert.True(report.Succeeded);
        Assert.Equal([10, 10, 5], _sent.Select(body => body.Contacts.Count));
        Assert.All(_sent, body => Assert.True(body.Enqueue));
        Assert.Equal("+919800000000", _sent[0].Contacts[0].Phone);
        Assert.Equal("Pro", _sent[0].Contacts[0].Variables!["plan"].GetString());
        Assert.Equal([201, 202, 203], report.Batches.Select(batch => batch.UploadId!.Value));
        Assert.Equal(25, report.Total(batch => batch.QueuedCalls));
        Assert.Equal("Sending,Waiting,Waiting", seen[0]);
        Assert.Equal("Sent,Sent,Sent", seen[^1]);

        var audit = (await _audit.QueryAsync(new AuditQuery { Category = AuditCategories.Campaigns }, TestContext.Current.CancellationToken)).Items;
        Assert.Equal(3, audit.Count);
        Assert.All(audit, entry => Assert.Equal(("campaign.contacts.upload", "campaign 7", AuditResult.Succeeded, "olga"), (entry.Action, entry.Target, entry.Result, entry.UserName)));
        Assert.Contains("\"batch\":3", audit[0].ParametersJson, StringComparison.Ordinal);
        Assert.Contains("upload 203: received 5, accepted 5", audit[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SecondBatchRejected_StopsReportsWhichWentThroughAndMapsRowsToLines()
    {
        _api.OnAddCampaignContacts = Recording(async (id, request, _) =>
            _sent.Count == 2
                ? throw await OsviFailures.ApiAsync(HttpStatusCode.BadRequest, """{"success":false,"error":"1 fields are invalid; nothing was stored","details":[{"field":"contacts[3].phone","message":"contacts[3].phone is not a valid phone number"}]}""")
                : await Stored(request));

        var report = await Service().SendAsync(Request(contacts: 25, batchSize: 10), null, TestContext.Current.CancellationToken);

        Assert.True(report.Finished);
        Assert.Equal([BatchState.Sent, BatchState.Failed, BatchState.NotSent], report.Batches.Select(batch => batch.State));
        Assert.Equal(2, _sent.Count);
        var failed = report.Batches[1];
        Assert.Equal(OsviErrorKind.Validation, failed.Error!.Kind);
        var row = Assert.Single(failed.RowProblems);
        Assert.Equal((15, "contacts[3].phone"), (row.Line, row.Field));
        Assert.Equal(15, report.ContactsNotSent);
        Assert.Equal(10, report.ContactsSent);

        var audit = (await _audit.QueryAsync(new AuditQuery { Category = AuditCategories.Campaigns }, TestContext.Current.CancellationToken)).Items;
        Assert.Equal([AuditResult.Failed, AuditResult.Succeeded], audit.Select(entry => entry.Result));
    }

    [Fact]
    public async Task SendAsync_NoAnswer_MarksTheOutcomeUnknownAndSendsNothingMore()
    {
        _api.OnAddCampaignContacts = Recording((id, request, _) => _sent.Count == 1 ? Stored(request) : throw OsviFailures.Unreachable());

        var report = await Service().SendAsync(Request(contacts: 25, batchSize: 10), null, TestContext.Current.CancellationToken);

        Assert.Equal([BatchState.Sent, BatchState.OutcomeUnknown, BatchState.NotSent], report.Batches.Select(batch => batch.State));
        Assert.Equal(2, _sent.Count);
    }

    [Fact]
    public async Task SendAsync_Viewer_IsRefusedWithoutAskingOsviAndAudited()
    {
        _api.OnAddCampaignContacts = Recording((id, request, _) => Stored(request));

        var report = await Service(DashboardRoles.Viewer).SendAsync(Request(contacts: 5, batchSize: 10), null, TestContext.Current.CancellationToken);

        Assert.Equal(BatchState.Refused, report.Batches[0].State);
        Assert.Equal(DashboardPermission.UploadContacts, report.Batches[0].Refusal!.Permission);
        Assert.Empty(_sent);
        var entry = Assert.Single((await _audit.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken)).Items);
        Assert.Equal(AuditResult.Refused, entry.Result);
    }

    [Fact]
    public async Task SendAsync_SameRequestTwice_SendsItOnce()
    {
        _api.OnAddCampaignContacts = Recording((id, request, _) => Stored(request));
        var service = Service();
        var request = Request(contacts: 5, batchSize: 10);

        await service.SendAsync(request, null, TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<InvalidOperationException>(() => service.SendAsync(request, null, TestContext.Current.CancellationToken));

        Assert.Single(_sent);
    }

    [Fact]
    public async Task SendAsync_PageClosedMidway_FinishesTheBatchUnderWayAndSendsNoMore()
    {
        using var closed = new CancellationTokenSource();
        _api.OnAddCampaignContacts = Recording(async (id, request, ct) =>
        {
            await closed.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return await Stored(request);
        });

        var report = await Service().SendAsync(Request(contacts: 25, batchSize: 10), null, closed.Token);

        Assert.Equal([BatchState.Sent, BatchState.NotSent, BatchState.NotSent], report.Batches.Select(batch => batch.State));
        Assert.Single(_sent);
    }

    [Fact]
    public async Task SendAsync_Finished_KeepsTheReportForItsSenderOnly()
    {
        _api.OnAddCampaignContacts = Recording((id, request, _) => Stored(request, skipped: 1));
        var store = new UploadReportStore(_time);

        var report = await Service(store: store).SendAsync(Request(contacts: 3, batchSize: 10), null, TestContext.Current.CancellationToken);

        Assert.Same(report, store.Find(report.Id, "olga"));
        Assert.Null(store.Find(report.Id, "someone-else"));
        _time.Advance(UploadReportStore.Lifetime);
        Assert.Null(store.Find(report.Id, "olga"));
    }

    [Fact]
    public async Task GetDndNumbersAsync_SeveralPages_ReadsThemAll()
    {
        _api.OnListDndNumbers = (query, _) => Task.FromResult(new OsviPagedEnvelope<DndEntry>
        {
            Success = true,
            Data = [.. Enumerable.Range(0, query.Page == 3 ? 5 : 100).Select(i => new DndEntry { Phone = $"+9198{query.Page:00}{i:000000}", AgentUuid = Agent })],
            Meta = new PageMeta { CurrentPage = query.Page ?? 1, PerPage = 100, TotalCount = 205, TotalPages = 3 },
        });

        var result = await Service().GetDndNumbersAsync(Agent, TestContext.Current.CancellationToken);

        Assert.Equal(205, result.Value!.Phones.Count);
        Assert.True(result.Value.Complete);
        Assert.Equal(3, _api.Calls.Count);
    }

    private Func<long, AddContactsRequest, CancellationToken, Task<OsviEnvelope<ContactUploadResult>>> Recording(
        Func<long, AddContactsRequest, CancellationToken, Task<OsviEnvelope<ContactUploadResult>>>? inner) =>
        (id, request, ct) =>
        {
            _sent.Add(request);
            return inner!(id, request, ct);
        };

    private Task<OsviEnvelope<ContactUploadResult>> Stored(AddContactsRequest request, int skipped = 0)
    {
        if (!_sent.Contains(request))
        {
            _sent.Add(request);
        }

        return Task.FromResult(new OsviEnvelope<ContactUploadResult>
        {
            Success = true,
            Data = new ContactUploadResult
            {
                CampaignUploadId = 200 + _sent.Count,
                ContactsReceived = request.Contacts.Count,
                ContactsAccepted = request.Contacts.Count - skipped,
                Enqueued = request.Enqueue,
                QueuedCalls = request.Enqueue ? request.Contacts.Count - skipped : 0,
                DndSkipped = [.. request.Contacts.Take(skipped).Select(contact => new DndSkippedContact { Phone = contact.Phone, PersonName = contact.PersonName })],
            },
        });
    }

    private static UploadRequest Request(int contacts, int batchSize)
    {
        var text = "phone,person_name,plan\n" + string.Join("\n", Enumerable.Range(0, contacts).Select(i => $"98{i:00000000},Person {i},Pro"));
        var table = ContactTableReader.Read(text, "text", 100_000, out _)!;
        var check = ContactCheck.Run(table, ContactMapping.Suggest(table, "IN"), "IN", null);
        return new UploadRequest(7, Agent, enqueue: true, check.VariableKeys, check.Batches(batchSize, leaveOutInvalid: false));
    }

    private ContactUploadService Service(string role = DashboardRoles.Operator, UploadReportStore? store = null)
    {
        var user = Users.As("olga", role);
        var actions = new AuditedActions(new PermissionGuard(user, NullLogger<PermissionGuard>.Instance), _audit, NullLogger<AuditedActions>.Instance);
        var gateway = new OsviGateway(_api, new OsviAuthAlarm(), TestOptions.Redactor(), NullLogger<OsviGateway>.Instance);
        return new ContactUploadService(gateway, actions, TestOptions.Dashboard(), user, store ?? new UploadReportStore(_time), NullLogger<ContactUploadService>.Instance);
    }
}
