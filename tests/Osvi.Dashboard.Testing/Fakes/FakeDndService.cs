using System.Runtime.CompilerServices;
using Osvi.Client;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Dnd;
using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Testing.Fakes;

/// <summary>A hand-written <see cref="IDndService"/> for component tests: an in-memory list per agent that honours search
/// and paging, every request recorded, and handlers a test replaces to make OSVI refuse, fail or hang.</summary>
public sealed class FakeDndService : IDndService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<DndEntryView>> _lists = [];
    private long _nextId = 100;

    public string DefaultRegion { get; set; } = "IN";

    /// <summary>What <see cref="CanChangeAsync"/> says (the role's permission).</summary>
    public bool CanChange { get; set; } = true;

    /// <summary>What <see cref="CanReadAuditAsync"/> says.</summary>
    public bool CanReadAudit { get; set; } = true;

    public List<DndListRequest> ListRequests { get; } = [];

    public List<DndAddRequest> AddRequests { get; } = [];

    public List<DndRemoveRequest> RemoveRequests { get; } = [];

    public List<DndAuditFilter> AuditQueries { get; } = [];

    public List<string> Checks { get; } = [];

    /// <summary>Fails every list request with this error, when set.</summary>
    public OsviError? ListError { get; set; }

    /// <summary>Answers an add; the default adds to the in-memory list (D2 when already there).</summary>
    public Func<DndAddRequest, Task<ServiceResult<DndAddResult>>>? OnAdd { get; set; }

    /// <summary>Answers a remove; the default removes from the in-memory list (D3 when not there).</summary>
    public Func<DndRemoveRequest, Task<ServiceResult<DndRemoveResult>>>? OnRemove { get; set; }

    /// <summary>The outcome of each line of a bulk run; the default adds or removes like the single methods.</summary>
    public Func<DndBulkLine, (DndLineOutcome Outcome, string Message)>? OnBulkLine { get; set; }

    /// <summary>The active agents and their answers for "is this number blocked?".</summary>
    public Func<string, ServiceResult<DndCheckReport>>? OnCheck { get; set; }

    /// <summary>The DND audit trail the view shows.</summary>
    public List<DndAuditRow> AuditRows { get; } = [];

    /// <summary>Puts entries on an agent's list (newest last in, shown first).</summary>
    public void Seed(string agentUuid, params (string Phone, string? Reason)[] entries)
    {
        lock (_gate)
        {
            var list = ListOf(agentUuid);
            foreach (var (phone, reason) in entries)
            {
                list.Insert(0, new DndEntryView(++_nextId, agentUuid, phone, reason, new DateTimeOffset(2026, 6, 1, 4, 30, 0, TimeSpan.Zero).AddHours(_nextId)));
            }
        }
    }

    /// <summary>The agent's list now.</summary>
    public IReadOnlyList<DndEntryView> Entries(string agentUuid)
    {
        lock (_gate)
        {
            return [.. ListOf(agentUuid)];
        }
    }

    public Task<bool> CanChangeAsync() => Task.FromResult(CanChange);

    public Task<ServiceResult<DndPage>> ListAsync(DndListRequest request, CancellationToken ct)
    {
        lock (_gate)
        {
            ListRequests.Add(request);
            if (ListError is { } error)
            {
                return Task.FromResult(ServiceResult<DndPage>.Failed(error));
            }

            var term = DndService.SearchTerm(request.Search, DefaultRegion);
            var matches = ListOf(request.AgentUuid).Where(entry => term is null || entry.Phone.Contains(term, StringComparison.Ordinal)).ToList();
            var items = matches.Skip((request.Page - 1) * request.PerPage).Take(request.PerPage).ToList();
            return Task.FromResult(ServiceResult<DndPage>.Success(new DndPage(items, matches.Count, request.Page, request.PerPage)));
        }
    }

    public async IAsyncEnumerable<ServiceResult<DndPage>> ReadAllAsync(string agentUuid, string? search, [EnumeratorCancellation] CancellationToken ct)
    {
        yield return await ListAsync(new DndListRequest(agentUuid, search, 1, 100), ct);
    }

    public Task<ServiceResult<DndAddResult>> AddAsync(DndAddRequest request, CancellationToken ct)
    {
        lock (_gate)
        {
            AddRequests.Add(request);
        }

        return OnAdd?.Invoke(request) ?? Task.FromResult(AddToList(request.AgentUuid, E164(request.Phone), request.Reason));
    }

    public Task<ServiceResult<DndRemoveResult>> RemoveAsync(DndRemoveRequest request, CancellationToken ct)
    {
        lock (_gate)
        {
            RemoveRequests.Add(request);
        }

        return OnRemove?.Invoke(request) ?? Task.FromResult(RemoveFromList(request.AgentUuid, E164(request.Phone)));
    }

    public Task RunBulkAsync(DndBulkRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!run.TryStart())
        {
            throw new InvalidOperationException("A bulk run is sent once.");
        }

        foreach (var line in run.Lines.Where(line => line.Outcome == DndLineOutcome.Pending))
        {
            var (outcome, message) = OnBulkLine?.Invoke(line) ?? Default(line);
            run.Set(line, outcome, message);
        }

        return Task.CompletedTask;

        (DndLineOutcome, string) Default(DndBulkLine line)
        {
            if (run.Operation == DndBulkOperation.Add)
            {
                var added = AddToList(run.AgentUuid, line.E164!, line.Reason ?? run.CommonReason).Value!;
                return (added.Outcome == DndAddOutcome.Added ? DndLineOutcome.Added : DndLineOutcome.AlreadyListed, added.Message);
            }

            var removed = RemoveFromList(run.AgentUuid, line.E164!).Value!;
            return (removed.Outcome == DndRemoveOutcome.Removed ? DndLineOutcome.Removed : DndLineOutcome.NotOnList, removed.Message);
        }
    }

    public Task<ServiceResult<DndCheckReport>> CheckAsync(string phone, string? region, CancellationToken ct)
    {
        var e164 = PhoneNumberRules.Parse(phone, region ?? DefaultRegion).E164 ?? throw new ArgumentException("invalid", nameof(phone));
        Checks.Add(e164);
        return Task.FromResult(OnCheck?.Invoke(e164) ?? ServiceResult<DndCheckReport>.Success(new DndCheckReport(e164,
            [.. _lists.Keys.Select(agent => new DndAgentCheck(new AgentView(agent, agent, "active"),
                Entries(agent).FirstOrDefault(entry => entry.Phone == e164) is { } entry ? DndCheckState.Blocked : DndCheckState.NotBlocked,
                Entries(agent).FirstOrDefault(entry => entry.Phone == e164), null))])));
    }

    public Task<bool> CanReadAuditAsync() => Task.FromResult(CanReadAudit);

    public Task<ServiceResult<DndAuditPage>> QueryAuditAsync(DndAuditFilter filter, int skip, int take, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            AuditQueries.Add(filter);
        }

        if (!CanReadAudit)
        {
            return Task.FromResult(ServiceResult<DndAuditPage>.Refused(new ServiceRefusal(Security.DashboardPermission.ReadAuditLog,
                "Your role does not allow this (reading the audit log). Ask an administrator if you need it.")));
        }

        var rows = AuditRows.Where(row => (filter.AgentUuid is null || row.AgentUuid == filter.AgentUuid)
            && (string.IsNullOrWhiteSpace(filter.Phone) || (row.Phone?.Contains(DndService.SearchTerm(filter.Phone, DefaultRegion)!, StringComparison.Ordinal) ?? false))
            && (string.IsNullOrWhiteSpace(filter.User) || row.User.Contains(filter.User, StringComparison.OrdinalIgnoreCase))).ToList();
        return Task.FromResult(ServiceResult<DndAuditPage>.Success(new DndAuditPage([.. rows.Skip(skip).Take(take)], rows.Count)));
    }

    public async Task<ServiceResult<IAsyncEnumerable<DndAuditRow>>> StreamAuditAsync(DndAuditFilter filter, CancellationToken ct)
    {
        var page = await QueryAuditAsync(filter, 0, int.MaxValue, ct);
        return page.Succeeded
            ? ServiceResult<IAsyncEnumerable<DndAuditRow>>.Success(page.Value.Items.ToAsyncEnumerable())
            : ServiceResult<IAsyncEnumerable<DndAuditRow>>.From(page);
    }

    private ServiceResult<DndAddResult> AddToList(string agentUuid, string e164, string? reason)
    {
        lock (_gate)
        {
            var list = ListOf(agentUuid);
            if (list.FirstOrDefault(entry => entry.Phone == e164) is { } existing)
            {
                return ServiceResult<DndAddResult>.Success(new DndAddResult(DndAddOutcome.AlreadyListed, e164, existing, "Already on the list (OSVI answered HTTP 422: “Phone has already been taken”)."));
            }

            var entry = new DndEntryView(++_nextId, agentUuid, e164, reason, new DateTimeOffset(2026, 6, 12, 6, 30, 0, TimeSpan.Zero));
            list.Insert(0, entry);
            return ServiceResult<DndAddResult>.Success(new DndAddResult(DndAddOutcome.Added, e164, entry, $"Added (entry {entry.Id})."));
        }
    }

    private ServiceResult<DndRemoveResult> RemoveFromList(string agentUuid, string e164)
    {
        lock (_gate)
        {
            return ListOf(agentUuid).RemoveAll(entry => entry.Phone == e164) > 0
                ? ServiceResult<DndRemoveResult>.Success(new DndRemoveResult(DndRemoveOutcome.Removed, e164, "Removed (OSVI answered HTTP 200: “Phone removed from DND list”)."))
                : ServiceResult<DndRemoveResult>.Success(new DndRemoveResult(DndRemoveOutcome.NotOnList, e164, "Not on the list (OSVI answered HTTP 404: “Phone not found in DND list”)."));
        }
    }

    private List<DndEntryView> ListOf(string agentUuid)
    {
        if (!_lists.TryGetValue(agentUuid, out var list))
        {
            _lists[agentUuid] = list = [];
        }

        return list;
    }

    private string E164(string phone) => PhoneNumberRules.Parse(phone, DefaultRegion).E164 ?? throw new ArgumentException("A caller sent an invalid number.", nameof(phone));
}
