using Osvi.Client.Contracts;
using Refit;

namespace Osvi.Client;

/// <summary>The OSVI AI v1 REST API as a thin Refit transport: one method per endpoint, wire records in and out.
/// The <c>API-Token</c> header is added by the HTTP pipeline, never here. Methods returning <see cref="Task{T}"/> throw
/// <see cref="ApiException"/> on a non-2xx answer and <see cref="ApiRequestException"/> when OSVI cannot be reached;
/// methods returning <see cref="IApiResponse{T}"/> are those where a non-2xx answer is an expected outcome.</summary>
public interface IOsviApi
{
    /// <summary><c>GET /v1/active_agents</c>: active, non-archived voice agents, most recently updated first (a bare array).</summary>
    [Get("/v1/active_agents")]
    Task<IReadOnlyList<ActiveAgent>> GetActiveAgentsAsync(CancellationToken ct = default);

    /// <summary><c>POST /v1/call</c>: places an outbound call asynchronously. Never retried automatically.</summary>
    [Post("/v1/call")]
    Task<OsviEnvelope<StartCallResult>> StartCallAsync([Body] StartCallRequest request, CancellationToken ct = default);

    /// <summary><c>GET /v1/calls</c>: the account's calls, newest first, filtered and paginated.</summary>
    [Get("/v1/calls")]
    Task<OsviPagedEnvelope<CallSummary>> ListCallsAsync([Query] CallListQuery query, CancellationToken ct = default);

    /// <summary><c>GET /v1/call/{id}</c>: one call with summary, extracted data and analysis (404 for unknown or malformed ids).</summary>
    [Get("/v1/call/{id}")]
    Task<OsviEnvelope<CallDetail>> GetCallAsync(string id, CancellationToken ct = default);

    /// <summary><c>GET /v1/call/{id}/transcript</c>: the turns; an empty list when nothing was captured.</summary>
    [Get("/v1/call/{id}/transcript")]
    Task<OsviEnvelope<CallTranscript>> GetTranscriptAsync(string id, CancellationToken ct = default);

    /// <summary><c>GET /v1/call/{id}/recording</c>: a presigned URL valid for 15 minutes; 404 when the call has no recording.</summary>
    [Get("/v1/call/{id}/recording")]
    Task<IApiResponse<OsviEnvelope<CallRecording>>> GetRecordingAsync(string id, CancellationToken ct = default);

    /// <summary><c>POST /v1/campaigns/{id}/contacts</c>: pushes at most 10,000 contacts. Never retried automatically.</summary>
    [Post("/v1/campaigns/{id}/contacts")]
    Task<OsviEnvelope<ContactUploadResult>> AddCampaignContactsAsync(long id, [Body] AddContactsRequest request, CancellationToken ct = default);

    /// <summary><c>GET /v1/campaigns/{id}/status</c>: settings, outcomes by status and every upload's queues.</summary>
    [Get("/v1/campaigns/{id}/status")]
    Task<OsviEnvelope<CampaignStatusSnapshot>> GetCampaignStatusAsync(long id, CancellationToken ct = default);

    /// <summary><c>POST /v1/dnd_numbers</c>: 201 with the entry; a duplicate is 422 or 2xx (D2), both "already on the list".</summary>
    [Post("/v1/dnd_numbers")]
    Task<IApiResponse<OsviEnvelope<DndEntry>>> AddDndNumberAsync([Body] AddDndNumberRequest request, CancellationToken ct = default);

    /// <summary><c>GET /v1/dnd_numbers</c>: the agent's active DND entries, searchable and paginated.</summary>
    [Get("/v1/dnd_numbers")]
    Task<OsviPagedEnvelope<DndEntry>> ListDndNumbersAsync([Query] DndListQuery query, CancellationToken ct = default);

    /// <summary><c>DELETE /v1/dnd_numbers?agent_uuid=&amp;phone=</c>: <c>{success,message}</c>; a number not on the list is 404 or 200 (D3).</summary>
    [Delete("/v1/dnd_numbers")]
    Task<IApiResponse<OsviMessageResponse>> RemoveDndNumberAsync(
        [Query, AliasAs("agent_uuid")] string agentUuid,
        [Query, AliasAs("phone")] string phone,
        CancellationToken ct = default);

    /// <summary><c>POST /v1/chat/session</c>: closes the customer's active session with this agent, then creates a new one.</summary>
    [Post("/v1/chat/session")]
    Task<OsviEnvelope<ChatSession>> CreateChatSessionAsync([Body] CreateChatSessionRequest request, CancellationToken ct = default);

    /// <summary><c>POST /v1/chat/inbound</c>: a customer message; the reply comes back synchronously.</summary>
    [Post("/v1/chat/inbound")]
    Task<OsviEnvelope<InboundMessageResult>> SendInboundMessageAsync([Body] InboundMessageRequest request, CancellationToken ct = default);

    /// <summary><c>GET /v1/chat/session/active?customer_id=&amp;agent_uuid=</c>: the one active session, or 404 when there is none.</summary>
    [Get("/v1/chat/session/active")]
    Task<IApiResponse<OsviEnvelope<ChatSession>>> GetActiveChatSessionAsync(
        [Query, AliasAs("customer_id")] string customerId,
        [Query, AliasAs("agent_uuid")] string agentUuid,
        CancellationToken ct = default);

    /// <summary><c>GET /v1/chat/session/active?customer_id=</c>: the customer's active sessions keyed by agent UUID.</summary>
    [Get("/v1/chat/session/active")]
    Task<OsviEnvelope<IReadOnlyDictionary<string, ChatSession>>> GetActiveChatSessionsAsync(
        [Query, AliasAs("customer_id")] string customerId,
        CancellationToken ct = default);

    /// <summary><c>POST /v1/chat/session/{id}/support</c>: takeover, tell, whisper, end, close, or a plain operator message.</summary>
    [Post("/v1/chat/session/{id}/support")]
    Task<OsviEnvelope<SupportCommandResult>> SendSupportCommandAsync(string id, [Body] SupportCommandRequest request, CancellationToken ct = default);

    /// <summary><c>POST /v1/chat/session/{id}/inject_context</c>: appends one context entry (the newest 5 are kept).</summary>
    [Post("/v1/chat/session/{id}/inject_context")]
    Task<OsviEnvelope<InjectContextResult>> InjectContextAsync(string id, [Body] InjectContextRequest request, CancellationToken ct = default);
}
