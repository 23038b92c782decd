using Osvi.Client.Contracts;
using Refit;

namespace Osvi.Client;

/// <summary>The OSVI AI v1 REST API as a thin Refit transport: one method per endpoint, wire records in and out.
/// Register it with <see cref="OsviClientServiceCollectionExtensions.AddOsviClient"/>; the <c>API-Token</c> header,
/// timeouts, GET-only retries and the circuit breaker come from that pipeline, never from here.</summary>
/// <remarks>
/// <para>Methods returning <see cref="Task{T}"/> throw <see cref="ApiException"/> when OSVI answers with an error status
/// and <see cref="ApiRequestException"/> when it cannot be reached or does not answer in time. Methods returning
/// <see cref="IApiResponse{T}"/> are those where a non-2xx answer is an expected outcome (a missing recording, a
/// duplicate DND entry, no active chat session); they report failures in <see cref="IApiResponse.Error"/> and should be
/// disposed. <see cref="OsviErrors"/> turns either form into one <see cref="OsviError"/>.</para>
/// <para>A cancelled <c>ct</c> always surfaces as <see cref="OperationCanceledException"/>, from both kinds of method.</para>
/// <para>Ids are strings everywhere (D4: <c>POST /v1/call</c> may answer <c>call_abc123xyz</c>).</para>
/// </remarks>
public interface IOsviApi
{
    /// <summary><c>GET /v1/active_agents</c>: active, non-archived voice agents, most recently updated first (a bare array).</summary>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The agents; empty when none is active.</returns>
    [Get("/v1/active_agents")]
    Task<IReadOnlyList<ActiveAgent>> GetActiveAgentsAsync(CancellationToken ct = default);

    /// <summary><c>POST /v1/call</c>: places an outbound call asynchronously. Never retried automatically: after an
    /// <see cref="OsviErrorKind.Unreachable"/> failure the call may or may not have been placed.</summary>
    /// <param name="request">The call; only the agent, the phone number and the country code are required.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The new call's id.</returns>
    [Post("/v1/call")]
    Task<OsviEnvelope<StartCallResult>> StartCallAsync([Body] StartCallRequest request, CancellationToken ct = default);

    /// <summary><c>GET /v1/calls</c>: the account's calls, newest first, filtered and paginated.</summary>
    /// <param name="query">The filters; null properties are not sent. <see cref="CallListQuery.Status"/> goes out as one
    /// comma-separated value.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>One page and the pagination facts.</returns>
    [Get("/v1/calls")]
    Task<OsviPagedEnvelope<CallSummary>> ListCallsAsync([Query] CallListQuery query, CancellationToken ct = default);

    /// <summary><c>GET /v1/call/{id}</c>: one call with summary, extracted data and analysis (404 for unknown or malformed ids).</summary>
    /// <param name="id">The call id (escaped as one path segment).</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The call.</returns>
    [Get("/v1/call/{id}")]
    Task<OsviEnvelope<CallDetail>> GetCallAsync(string id, CancellationToken ct = default);

    /// <summary><c>GET /v1/call/{id}/transcript</c>: the turns; an empty list when nothing was captured.</summary>
    /// <param name="id">The call id.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The transcript, its turns normalised from every D7 shape.</returns>
    [Get("/v1/call/{id}/transcript")]
    Task<OsviEnvelope<CallTranscript>> GetTranscriptAsync(string id, CancellationToken ct = default);

    /// <summary><c>GET /v1/call/{id}/recording</c>: a presigned URL valid for 15 minutes; 404 when the call has no
    /// recording (D8). The URL is a secret for its lifetime: fetch it server-side, never log it or send it to a browser.</summary>
    /// <param name="id">The call id.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The response: the URL on 200, a 404 in <see cref="IApiResponse.Error"/> otherwise.</returns>
    [Get("/v1/call/{id}/recording")]
    Task<IApiResponse<OsviEnvelope<CallRecording>>> GetRecordingAsync(string id, CancellationToken ct = default);

    /// <summary><c>POST /v1/campaigns/{id}/contacts</c>: pushes at most 10,000 contacts. Never retried automatically.</summary>
    /// <param name="id">The campaign id.</param>
    /// <param name="request">The contacts, the agent and whether to enqueue them at once.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The upload's counts and the contacts skipped for DND.</returns>
    [Post("/v1/campaigns/{id}/contacts")]
    Task<OsviEnvelope<ContactUploadResult>> AddCampaignContactsAsync(long id, [Body] AddContactsRequest request, CancellationToken ct = default);

    /// <summary><c>GET /v1/campaigns/{id}/status</c>: settings, outcomes by status and every upload's queues.</summary>
    /// <param name="id">The campaign id.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The snapshot.</returns>
    [Get("/v1/campaigns/{id}/status")]
    Task<OsviEnvelope<CampaignStatusSnapshot>> GetCampaignStatusAsync(long id, CancellationToken ct = default);

    /// <summary><c>POST /v1/dnd_numbers</c>: 201 with the entry. A duplicate is 422
    /// (<c>Phone has already been taken</c>) or 2xx with the existing entry (D2); both mean "already on the list".
    /// Never retried automatically.</summary>
    /// <param name="request">The agent, the phone and an optional reason.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The response: the entry on 200/201, the failure in <see cref="IApiResponse.Error"/> otherwise.</returns>
    [Post("/v1/dnd_numbers")]
    Task<IApiResponse<OsviEnvelope<DndEntry>>> AddDndNumberAsync([Body] AddDndNumberRequest request, CancellationToken ct = default);

    /// <summary><c>GET /v1/dnd_numbers</c>: the agent's active DND entries, searchable and paginated.</summary>
    /// <param name="query">The agent (required), an optional phone search and paging.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>One page and the pagination facts.</returns>
    [Get("/v1/dnd_numbers")]
    Task<OsviPagedEnvelope<DndEntry>> ListDndNumbersAsync([Query] DndListQuery query, CancellationToken ct = default);

    /// <summary><c>DELETE /v1/dnd_numbers?agent_uuid=&amp;phone=</c>: <c>{success,message}</c>; a number not on the list is
    /// 404 or 200 (D3). Never retried automatically.</summary>
    /// <param name="agentUuid">The agent.</param>
    /// <param name="phone">The number, in any format OSVI normalises.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The response: OSVI's message on 200, the failure in <see cref="IApiResponse.Error"/> otherwise.</returns>
    [Delete("/v1/dnd_numbers")]
    Task<IApiResponse<OsviMessageResponse>> RemoveDndNumberAsync(
        [Query, AliasAs("agent_uuid")] string agentUuid,
        [Query, AliasAs("phone")] string phone,
        CancellationToken ct = default);

    /// <summary><c>POST /v1/chat/session</c>: closes the customer's active session with this agent, then creates a new
    /// one (200, or 201 per D13). Never retried automatically.</summary>
    /// <param name="request">The agent, the customer and optional input fields and context.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The new session.</returns>
    [Post("/v1/chat/session")]
    Task<OsviEnvelope<ChatSession>> CreateChatSessionAsync([Body] CreateChatSessionRequest request, CancellationToken ct = default);

    /// <summary><c>POST /v1/chat/inbound</c>: a customer message; the reply comes back synchronously (null while a human
    /// is in control). Never retried automatically.</summary>
    /// <param name="request">The agent, the customer, the text and optionally the session.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The session, the reply and the mode.</returns>
    [Post("/v1/chat/inbound")]
    Task<OsviEnvelope<InboundMessageResult>> SendInboundMessageAsync([Body] InboundMessageRequest request, CancellationToken ct = default);

    /// <summary><c>GET /v1/chat/session/active?customer_id=&amp;agent_uuid=</c>: the one active session, or 404 when there is none.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="agentUuid">The agent.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The response: the session on 200, a 404 in <see cref="IApiResponse.Error"/> when there is none.</returns>
    [Get("/v1/chat/session/active")]
    Task<IApiResponse<OsviEnvelope<ChatSession>>> GetActiveChatSessionAsync(
        [Query, AliasAs("customer_id")] string customerId,
        [Query, AliasAs("agent_uuid")] string agentUuid,
        CancellationToken ct = default);

    /// <summary><c>GET /v1/chat/session/active?customer_id=</c>: the customer's active sessions keyed by agent UUID
    /// (empty when there are none, whether OSVI sends <c>{}</c>, <c>[]</c> or <c>null</c>).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The sessions by agent UUID.</returns>
    [Get("/v1/chat/session/active")]
    Task<OsviEnvelope<IReadOnlyDictionary<string, ChatSession>>> GetActiveChatSessionsAsync(
        [Query, AliasAs("customer_id")] string customerId,
        CancellationToken ct = default);

    /// <summary><c>POST /v1/chat/session/{id}/support</c>: takeover, tell, whisper, end, close, or a plain operator
    /// message (no command; only in <c>support</c> mode). Never retried automatically.</summary>
    /// <param name="id">The session id.</param>
    /// <param name="request">The command and/or message; a null command is not sent.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The command's result.</returns>
    [Post("/v1/chat/session/{id}/support")]
    Task<OsviEnvelope<SupportCommandResult>> SendSupportCommandAsync(string id, [Body] SupportCommandRequest request, CancellationToken ct = default);

    /// <summary><c>POST /v1/chat/session/{id}/inject_context</c>: appends one context entry (the newest 5 are kept).
    /// Never retried automatically.</summary>
    /// <param name="id">The session id.</param>
    /// <param name="request">The entry.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The whole context list after the append.</returns>
    [Post("/v1/chat/session/{id}/inject_context")]
    Task<OsviEnvelope<InjectContextResult>> InjectContextAsync(string id, [Body] InjectContextRequest request, CancellationToken ct = default);
}
