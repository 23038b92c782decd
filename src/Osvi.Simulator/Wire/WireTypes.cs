using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Osvi.Simulator.Wire;

// The simulator's own wire types (snake_case through SimulatorJson). They deliberately do not come from Osvi.Client:
// a drift between the client and the contract must show up as a failing client test.

/// <summary><c>{"success":true,"data":…}</c>.</summary>
public sealed record Envelope<T>(bool Success, T Data);

/// <summary><c>{"success":true,"data":[…],"meta":{…}}</c>.</summary>
public sealed record PagedEnvelope<T>(bool Success, IReadOnlyList<T> Data, PageMeta Meta);

/// <summary>The pagination <c>meta</c> of v1 lists.</summary>
public sealed record PageMeta(int CurrentPage, int TotalPages, int TotalCount, int PerPage);

/// <summary><c>{"success":true,"message":"…"}</c> (DND delete).</summary>
public sealed record MessageEnvelope(bool Success, string Message);

/// <summary>D1 error body: <c>{"success":false,"error":"…","details":null|[…]}</c>.</summary>
public sealed record ErrorBody(bool Success, string Error, IReadOnlyList<FieldError>? Details);

/// <summary>One validation problem in <see cref="ErrorBody.Details"/>.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The intro page's error body: <c>{"success":false,"errors":["…"]}</c> (422 switch, D2).</summary>
public sealed record IntroErrorBody(bool Success, IReadOnlyList<string> Errors);

/// <summary>An item of the bare array of <c>GET /v1/active_agents</c>.</summary>
public sealed record ActiveAgentDto(string AgentId, string Name, string Status);

/// <summary><c>data</c> of <c>POST /v1/call</c>.</summary>
public sealed record StartCallResultDto(string CallId);

/// <summary>A call's <c>tag</c>.</summary>
public sealed record TagDto(long Id, string Name, string ColorCode);

/// <summary>One call in <c>GET /v1/calls</c>.</summary>
public sealed record CallSummaryDto(
    string CallId,
    string AgentUuid,
    string AgentName,
    string PhoneNumber,
    string? FromNumber,
    string Status,
    string CallType,
    int DurationSeconds,
    string? CallEndedBy,
    string? CallEndedReason,
    long? CampaignId,
    long? CampaignUploadId,
    TagDto? Tag,
    string CreatedAt,
    string? CallPickedAt);

/// <summary><c>data</c> of <c>GET /v1/call/{id}</c>: every summary field plus the analysis.</summary>
public sealed record CallDetailDto(
    string CallId,
    string AgentUuid,
    string AgentName,
    string PhoneNumber,
    string? FromNumber,
    string Status,
    string CallType,
    int DurationSeconds,
    string? CallEndedBy,
    string? CallEndedReason,
    long? CampaignId,
    long? CampaignUploadId,
    TagDto? Tag,
    string CreatedAt,
    string? CallPickedAt,
    string? CallerName,
    int RetryCount,
    string? Summary,
    JsonObject? DataCaptured,
    JsonObject? PostCallAnalysis);

/// <summary>A transcript turn (D7).</summary>
public sealed record TranscriptTurnDto(string Role, string Content, double StartSeconds, double EndSeconds);

/// <summary><c>data</c> of <c>GET /v1/call/{id}/transcript</c>.</summary>
public sealed record TranscriptDto(string CallId, IReadOnlyList<TranscriptTurnDto> Transcript);

/// <summary><c>data</c> of <c>GET /v1/call/{id}/recording</c>.</summary>
public sealed record RecordingDto(string CallId, string RecordingUrl, int ExpiresInSeconds);

/// <summary>An item of <c>dnd_skipped</c> (D10).</summary>
public sealed record DndSkippedDto(string Phone, string? PersonName);

/// <summary><c>data</c> of <c>POST /v1/campaigns/{id}/contacts</c>.</summary>
public sealed record ContactsResultDto(
    long CampaignUploadId,
    int ContactsReceived,
    int ContactsAccepted,
    int DuplicatesRemoved,
    bool Enqueued,
    int QueuedCalls,
    IReadOnlyList<DndSkippedDto> DndSkipped);

/// <summary><c>data</c> of <c>GET /v1/campaigns/{id}/status</c>.</summary>
public sealed record CampaignStatusDto(CampaignDto Campaign, CampaignCallsDto Calls, IReadOnlyList<CampaignUploadDto> Uploads);

/// <summary>The campaign's settings.</summary>
public sealed record CampaignDto(long Id, string Name, string Status, bool IsRetryEnabled, int RetryThreshold, int RetryDelay, string CreatedAt);

/// <summary>Call outcomes so far; <c>by_status</c> holds only non-zero counts.</summary>
public sealed record CampaignCallsDto(int Total, IReadOnlyDictionary<string, int> ByStatus);

/// <summary>One contact upload and its queues.</summary>
public sealed record CampaignUploadDto(long CampaignUploadId, string FileName, string AgentUuid, string CreatedAt, IReadOnlyList<CampaignQueueDto> Queues);

/// <summary>A calling queue of an upload.</summary>
public sealed record CampaignQueueDto(string AgentUuid, int TotalQueued, bool Completed);

/// <summary>A DND entry.</summary>
public sealed record DndEntryDto(long Id, string AgentUuid, string Phone, string? Reason, string CreatedAt);

/// <summary>A chat v1 session.</summary>
public sealed record ChatSessionDto(
    string Id,
    long ChatAgentId,
    long AccountId,
    string CustomerId,
    string Mode,
    bool HelpRequested,
    string Status,
    string? CurrentState,
    ChatMetadataDto Metadata,
    string? ActiveHuman,
    string CreatedAt,
    string UpdatedAt);

/// <summary>A session's <c>metadata</c>.</summary>
public sealed record ChatMetadataDto(JsonObject InputFields, JsonObject StateFields, IReadOnlyList<string> Context);

/// <summary><c>data</c> of <c>POST /v1/chat/inbound</c>; <c>reply</c> is null in support mode (D13).</summary>
public sealed record InboundResultDto(string SessionId, string? Reply, string State, string Mode, bool HelpRequested);

/// <summary><c>data</c> of <c>POST /v1/chat/session/{id}/support</c>.</summary>
public sealed record SupportResultDto(
    string State,
    string SessionId,
    string? Command,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reply,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ActiveHuman);

/// <summary><c>data</c> of <c>POST /v1/chat/session/{id}/inject_context</c>.</summary>
public sealed record InjectContextResultDto(string SessionId, IReadOnlyList<string> Context);

/// <summary>The W1 per-call webhook body (D15). Note the camelCase <c>executionMode</c>.</summary>
public sealed record CallWebhookPayload(
    string AgentName,
    string AgentUuid,
    string PhoneNumber,
    string CallLogId,
    string Chat,
    string CallStatus,
    [property: JsonPropertyName("executionMode")] string ExecutionMode);
