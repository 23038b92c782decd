using Osvi.Client;
using Osvi.Client.Contracts;
using Refit;

namespace Osvi.Dashboard.Testing.Fakes;

/// <summary>A hand-written <see cref="IOsviApi"/> for service tests: set the handler of each method a test needs (an
/// unset one fails loudly); every call is recorded in <see cref="Calls"/>. Throw <c>await OsviFailures.ApiAsync(...)</c>
/// or <c>OsviFailures.Unreachable()</c> from a handler to simulate OSVI failing.</summary>
public sealed class FakeOsviApi : IOsviApi
{
    private readonly List<string> _calls = [];
    private readonly Lock _gate = new();

    /// <summary>Method names in call order, e.g. <c>ListCalls</c>.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public Func<CancellationToken, Task<IReadOnlyList<ActiveAgent>>>? OnGetActiveAgents { get; set; }

    public Func<StartCallRequest, CancellationToken, Task<OsviEnvelope<StartCallResult>>>? OnStartCall { get; set; }

    public Func<CallListQuery, CancellationToken, Task<OsviPagedEnvelope<CallSummary>>>? OnListCalls { get; set; }

    public Func<string, CancellationToken, Task<OsviEnvelope<CallDetail>>>? OnGetCall { get; set; }

    public Func<string, CancellationToken, Task<OsviEnvelope<CallTranscript>>>? OnGetTranscript { get; set; }

    public Func<string, CancellationToken, Task<IApiResponse<OsviEnvelope<CallRecording>>>>? OnGetRecording { get; set; }

    public Func<long, AddContactsRequest, CancellationToken, Task<OsviEnvelope<ContactUploadResult>>>? OnAddCampaignContacts { get; set; }

    public Func<long, CancellationToken, Task<OsviEnvelope<CampaignStatusSnapshot>>>? OnGetCampaignStatus { get; set; }

    public Func<AddDndNumberRequest, CancellationToken, Task<IApiResponse<OsviEnvelope<DndEntry>>>>? OnAddDndNumber { get; set; }

    public Func<DndListQuery, CancellationToken, Task<OsviPagedEnvelope<DndEntry>>>? OnListDndNumbers { get; set; }

    public Func<string, string, CancellationToken, Task<IApiResponse<OsviMessageResponse>>>? OnRemoveDndNumber { get; set; }

    public Func<CreateChatSessionRequest, CancellationToken, Task<OsviEnvelope<ChatSession>>>? OnCreateChatSession { get; set; }

    public Func<InboundMessageRequest, CancellationToken, Task<OsviEnvelope<InboundMessageResult>>>? OnSendInboundMessage { get; set; }

    public Func<string, string, CancellationToken, Task<IApiResponse<OsviEnvelope<ChatSession>>>>? OnGetActiveChatSession { get; set; }

    public Func<string, CancellationToken, Task<OsviEnvelope<IReadOnlyDictionary<string, ChatSession>>>>? OnGetActiveChatSessions { get; set; }

    public Func<string, SupportCommandRequest, CancellationToken, Task<OsviEnvelope<SupportCommandResult>>>? OnSendSupportCommand { get; set; }

    public Func<string, InjectContextRequest, CancellationToken, Task<OsviEnvelope<InjectContextResult>>>? OnInjectContext { get; set; }

    public Task<IReadOnlyList<ActiveAgent>> GetActiveAgentsAsync(CancellationToken ct = default) => Handle(OnGetActiveAgents, "GetActiveAgents")(ct);

    public Task<OsviEnvelope<StartCallResult>> StartCallAsync(StartCallRequest request, CancellationToken ct = default) => Handle(OnStartCall, "StartCall")(request, ct);

    public Task<OsviPagedEnvelope<CallSummary>> ListCallsAsync(CallListQuery query, CancellationToken ct = default) => Handle(OnListCalls, "ListCalls")(query, ct);

    public Task<OsviEnvelope<CallDetail>> GetCallAsync(string id, CancellationToken ct = default) => Handle(OnGetCall, "GetCall")(id, ct);

    public Task<OsviEnvelope<CallTranscript>> GetTranscriptAsync(string id, CancellationToken ct = default) => Handle(OnGetTranscript, "GetTranscript")(id, ct);

    public Task<IApiResponse<OsviEnvelope<CallRecording>>> GetRecordingAsync(string id, CancellationToken ct = default) => Handle(OnGetRecording, "GetRecording")(id, ct);

    public Task<OsviEnvelope<ContactUploadResult>> AddCampaignContactsAsync(long id, AddContactsRequest request, CancellationToken ct = default) =>
        Handle(OnAddCampaignContacts, "AddCampaignContacts")(id, request, ct);

    public Task<OsviEnvelope<CampaignStatusSnapshot>> GetCampaignStatusAsync(long id, CancellationToken ct = default) => Handle(OnGetCampaignStatus, "GetCampaignStatus")(id, ct);

    public Task<IApiResponse<OsviEnvelope<DndEntry>>> AddDndNumberAsync(AddDndNumberRequest request, CancellationToken ct = default) => Handle(OnAddDndNumber, "AddDndNumber")(request, ct);

    public Task<OsviPagedEnvelope<DndEntry>> ListDndNumbersAsync(DndListQuery query, CancellationToken ct = default) => Handle(OnListDndNumbers, "ListDndNumbers")(query, ct);

    public Task<IApiResponse<OsviMessageResponse>> RemoveDndNumberAsync(string agentUuid, string phone, CancellationToken ct = default) =>
        Handle(OnRemoveDndNumber, "RemoveDndNumber")(agentUuid, phone, ct);

    public Task<OsviEnvelope<ChatSession>> CreateChatSessionAsync(CreateChatSessionRequest request, CancellationToken ct = default) => Handle(OnCreateChatSession, "CreateChatSession")(request, ct);

    public Task<OsviEnvelope<InboundMessageResult>> SendInboundMessageAsync(InboundMessageRequest request, CancellationToken ct = default) =>
        Handle(OnSendInboundMessage, "SendInboundMessage")(request, ct);

    public Task<IApiResponse<OsviEnvelope<ChatSession>>> GetActiveChatSessionAsync(string customerId, string agentUuid, CancellationToken ct = default) =>
        Handle(OnGetActiveChatSession, "GetActiveChatSession")(customerId, agentUuid, ct);

    public Task<OsviEnvelope<IReadOnlyDictionary<string, ChatSession>>> GetActiveChatSessionsAsync(string customerId, CancellationToken ct = default) =>
        Handle(OnGetActiveChatSessions, "GetActiveChatSessions")(customerId, ct);

    public Task<OsviEnvelope<SupportCommandResult>> SendSupportCommandAsync(string id, SupportCommandRequest request, CancellationToken ct = default) =>
        Handle(OnSendSupportCommand, "SendSupportCommand")(id, request, ct);

    public Task<OsviEnvelope<InjectContextResult>> InjectContextAsync(string id, InjectContextRequest request, CancellationToken ct = default) =>
        Handle(OnInjectContext, "InjectContext")(id, request, ct);

    private TDelegate Handle<TDelegate>(TDelegate? handler, string name) where TDelegate : Delegate
    {
        lock (_gate)
        {
            _calls.Add(name);
        }

        return handler ?? throw new InvalidOperationException($"FakeOsviApi.On{name} is not set for this test.");
    }
}
