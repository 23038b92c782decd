using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Services.Dnd;

namespace Osvi.Dashboard.Testing.Fakes;

/// <summary>An <see cref="ICallsService"/> for component tests: settable answers (or handlers), and a record of every
/// request so tests can check what the page asked for (filters, pages, single submissions).</summary>
public sealed class FakeCallsService : ICallsService
{
    private readonly Lock _gate = new();

    /// <summary>Every call in the fake's "account", newest first; pages are cut from it.</summary>
    public List<CallListItem> Calls { get; } = [];

    /// <summary>Each list request: the filter, the page and the size.</summary>
    public List<(CallFilter Filter, int Page, int PerPage)> ListRequests { get; } = [];

    /// <summary>Replaces the paging of <see cref="Calls"/> when set.</summary>
    public Func<CallFilter, int, int, CancellationToken, Task<ServiceResult<CallPage>>>? OnList { get; set; }

    /// <summary>Details by call id.</summary>
    public Dictionary<string, ServiceResult<CallDetailView>> Details { get; } = [];

    /// <summary>Transcripts by call id (none: an empty transcript).</summary>
    public Dictionary<string, ServiceResult<CallTranscriptView>> Transcripts { get; } = [];

    /// <summary>Recording availability by call id (none: no recording).</summary>
    public Dictionary<string, ServiceResult<RecordingAvailability>> Recordings { get; } = [];

    /// <summary>The DND entry found for a number (null: not listed).</summary>
    public Func<string, string, ServiceResult<DndEntryView?>> OnFindOnDndList { get; set; } = (_, _) => ServiceResult<DndEntryView?>.Success(null);

    /// <summary>Answers a start request (default: a new call id).</summary>
    public Func<StartCallCommand, string, CancellationToken, Task<ServiceResult<string>>> OnStartCall { get; set; } =
        (_, _, _) => Task.FromResult(ServiceResult<string>.Success("new-call-id"));

    /// <summary>Each start request with its source.</summary>
    public List<(StartCallCommand Command, string Source)> StartRequests { get; } = [];

    /// <summary>Transcript requests, in order.</summary>
    public List<string> TranscriptRequests { get; } = [];

    public Task<ServiceResult<CallPage>> ListCallsAsync(CallFilter filter, int page, int perPage, CancellationToken ct)
    {
        lock (_gate)
        {
            ListRequests.Add((filter, page, perPage));
        }

        if (OnList is not null)
        {
            return OnList(filter, page, perPage, ct);
        }

        var items = Calls.Skip((page - 1) * perPage).Take(perPage).ToList();
        return Task.FromResult(ServiceResult<CallPage>.Success(new CallPage(items, page, perPage, Calls.Count, (Calls.Count + perPage - 1) / perPage)));
    }

    public Task<ServiceResult<CallDetailView>> GetCallAsync(string callId, CancellationToken ct) =>
        Task.FromResult(Details.TryGetValue(callId, out var detail) ? detail
            : ServiceResult<CallDetailView>.Failed(new OsviError(OsviErrorKind.NotFound, 404, "Not found", [])));

    public Task<ServiceResult<CallTranscriptView>> GetTranscriptAsync(string callId, CancellationToken ct)
    {
        lock (_gate)
        {
            TranscriptRequests.Add(callId);
        }

        return Task.FromResult(Transcripts.TryGetValue(callId, out var transcript) ? transcript : ServiceResult<CallTranscriptView>.Success(new CallTranscriptView(callId, [])));
    }

    public Task<ServiceResult<RecordingAvailability>> GetRecordingAvailabilityAsync(string callId, CancellationToken ct) =>
        Task.FromResult(Recordings.TryGetValue(callId, out var recording) ? recording : ServiceResult<RecordingAvailability>.Success(new RecordingAvailability(callId, false)));

    public Task<ServiceResult<DndEntryView?>> FindOnDndListAsync(string agentUuid, string phoneE164, CancellationToken ct) =>
        Task.FromResult(OnFindOnDndList(agentUuid, phoneE164));

    public Task<ServiceResult<string>> StartCallAsync(StartCallCommand command, string source, CancellationToken ct)
    {
        lock (_gate)
        {
            StartRequests.Add((command, source));
        }

        return OnStartCall(command, source, ct);
    }

    /// <summary>A realistic call for tests.</summary>
    public static CallListItem Call(int n, CallStatus? status = null) => new()
    {
        CallId = $"00000000-0000-0000-0000-{n:D12}",
        AgentUuid = "agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og",
        AgentName = "Appointment Reminder",
        PhoneNumber = $"+9198765{n % 100000:D5}",
        Status = status ?? (n % 3 == 0 ? CallStatus.NotPicked : CallStatus.Picked),
        CallType = CallType.Outbound,
        DurationSeconds = n % 3 == 0 ? 0 : 60 + n,
        EndedBy = n % 3 == 0 ? "system" : "agent",
        EndedReason = n % 3 == 0 ? "customer-did-not-answer" : "assistant-ended-call",
        CampaignId = 7,
        CampaignUploadId = 19,
        Tag = n % 3 == 0 ? null : new CallTagView("interested", "#22c55e"),
        CreatedAt = new DateTimeOffset(2026, 6, 12, 11, 0, 0, TimeSpan.FromHours(5.5)).AddMinutes(-n),
        PickedAt = new DateTimeOffset(2026, 6, 12, 11, 0, 4, TimeSpan.FromHours(5.5)).AddMinutes(-n),
    };
}
