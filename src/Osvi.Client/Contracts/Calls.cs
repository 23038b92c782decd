using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace Osvi.Client.Contracts;

/// <summary>Body of <c>POST /v1/call</c>. Only <see cref="AgentUuid"/>, <see cref="PhoneNumber"/> and
/// <see cref="CountryCode"/> are required; an omitted optional field falls back to the agent's default.</summary>
public sealed record StartCallRequest
{
    /// <summary><c>agent_uuid</c>: must belong to the token's account (else 403).</summary>
    public required string AgentUuid { get; init; }

    /// <summary><c>phone_number</c>: national digits, without the country code.</summary>
    public required string PhoneNumber { get; init; }

    /// <summary><c>country_code</c>: ISO 3166-1 alpha-2, e.g. <c>IN</c>.</summary>
    public required string CountryCode { get; init; }

    /// <summary><c>system_prompt</c>: overrides the agent's prompt for this call only.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary><c>webhook_url</c>: an http(s) URL with a host; OSVI POSTs the completion payload there.</summary>
    public string? WebhookUrl { get; init; }

    /// <summary><c>person_name</c>: made available to the agent.</summary>
    public string? PersonName { get; init; }

    /// <summary><c>additional_data</c>: always a JSON object; values feed prompt <c>{{variable}}</c> templating.</summary>
    public IReadOnlyDictionary<string, JsonElement>? AdditionalData { get; init; }

    /// <summary><c>initial_greeting</c>: at most 2,000 characters.</summary>
    public string? InitialGreeting { get; init; }

    /// <summary><c>call_config_overrides</c>: per-call behaviour overrides.</summary>
    public CallConfigOverrides? CallConfigOverrides { get; init; }

    /// <summary><c>data_extraction</c>: fields to extract from the conversation.</summary>
    public IReadOnlyList<DataExtractionField>? DataExtraction { get; init; }
}

/// <summary><c>call_config_overrides</c> of <see cref="StartCallRequest"/>; every field is optional.</summary>
public sealed record CallConfigOverrides
{
    /// <summary><c>max_call_duration_seconds</c>.</summary>
    public int? MaxCallDurationSeconds { get; init; }

    /// <summary><c>enable_callback</c>.</summary>
    public bool? EnableCallback { get; init; }

    /// <summary><c>retry_config</c>.</summary>
    public RetryConfig? RetryConfig { get; init; }
}

/// <summary><c>call_config_overrides.retry_config</c>.</summary>
public sealed record RetryConfig
{
    /// <summary><c>enabled</c>.</summary>
    public bool? Enabled { get; init; }

    /// <summary><c>max_attempts</c>.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary><c>interval_minutes</c>.</summary>
    public int? IntervalMinutes { get; init; }
}

/// <summary>One item of <c>data_extraction</c>.</summary>
public sealed record DataExtractionField
{
    /// <summary><c>key</c>.</summary>
    public required string Key { get; init; }

    /// <summary><c>description</c>.</summary>
    public string? Description { get; init; }

    /// <summary><c>required</c>.</summary>
    public bool Required { get; init; }

    /// <summary><c>output_format</c>: free text such as "yes or no".</summary>
    public string? OutputFormat { get; init; }
}

/// <summary><c>data</c> of a successful <c>POST /v1/call</c>.</summary>
public sealed record StartCallResult
{
    /// <summary><c>call_id</c>: a UUID from the simulator, possibly a <c>call_…</c> id from the real service. Always a string.</summary>
    public required string CallId { get; init; }
}

/// <summary>Query of <c>GET /v1/calls</c>. Every filter is optional.</summary>
public sealed record CallListQuery
{
    /// <summary><c>status</c>: one value or several, sent comma-separated.</summary>
    [Query(CollectionFormat.Csv)]
    [AliasAs("status")]
    public IReadOnlyList<string>? Status { get; init; }

    /// <summary><c>agent_uuid</c>: only this agent's calls (404 if not on the account).</summary>
    [AliasAs("agent_uuid")]
    public string? AgentUuid { get; init; }

    /// <summary><c>campaign_id</c>.</summary>
    [AliasAs("campaign_id")]
    public long? CampaignId { get; init; }

    /// <summary><c>campaign_upload_id</c>.</summary>
    [AliasAs("campaign_upload_id")]
    public long? CampaignUploadId { get; init; }

    /// <summary><c>phone_number</c>: partial match on the other party's number.</summary>
    [AliasAs("phone_number")]
    public string? PhoneNumber { get; init; }

    /// <summary><c>call_type</c>: <c>inbound</c> or <c>outbound</c>.</summary>
    [AliasAs("call_type")]
    public string? CallType { get; init; }

    /// <summary><c>start_date</c>: inclusive lower bound on <c>call_picked_at</c>; a date (IST) or an ISO-8601 timestamp.</summary>
    [AliasAs("start_date")]
    public string? StartDate { get; init; }

    /// <summary><c>end_date</c>: inclusive upper bound on <c>call_picked_at</c>; a date-only value covers that whole IST day.</summary>
    [AliasAs("end_date")]
    public string? EndDate { get; init; }

    /// <summary><c>page</c> (1-based, default 1).</summary>
    [AliasAs("page")]
    public int? Page { get; init; }

    /// <summary><c>per_page</c> (default 25, at most 100).</summary>
    [AliasAs("per_page")]
    public int? PerPage { get; init; }
}

/// <summary>One call as listed by <c>GET /v1/calls</c>.</summary>
public record CallSummary
{
    /// <summary><c>call_id</c>.</summary>
    public required string CallId { get; init; }

    /// <summary><c>agent_uuid</c>.</summary>
    public string AgentUuid { get; init; } = "";

    /// <summary><c>agent_name</c>.</summary>
    public string? AgentName { get; init; }

    /// <summary><c>phone_number</c>: the other party, E.164.</summary>
    public string PhoneNumber { get; init; } = "";

    /// <summary><c>from_number</c>: E.164; may be null.</summary>
    public string? FromNumber { get; init; }

    /// <summary><c>status</c>.</summary>
    public CallStatus Status { get; init; }

    /// <summary><c>call_type</c>.</summary>
    public CallType CallType { get; init; }

    /// <summary><c>duration_seconds</c>; null or 0 while the call is not answered.</summary>
    public int? DurationSeconds { get; init; }

    /// <summary><c>call_ended_by</c>, e.g. <c>agent</c>.</summary>
    public string? CallEndedBy { get; init; }

    /// <summary><c>call_ended_reason</c>, e.g. <c>assistant-ended-call</c>.</summary>
    public string? CallEndedReason { get; init; }

    /// <summary><c>campaign_id</c>, when the call came from a campaign.</summary>
    public long? CampaignId { get; init; }

    /// <summary><c>campaign_upload_id</c>, when the call came from a contact upload.</summary>
    public long? CampaignUploadId { get; init; }

    /// <summary><c>tag</c> set by post-call analysis.</summary>
    public CallTag? Tag { get; init; }

    /// <summary><c>created_at</c>.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>call_picked_at</c>: when the engine dialled the call (D6); null while queued.</summary>
    public DateTimeOffset? CallPickedAt { get; init; }
}

/// <summary>The full call returned by <c>GET /v1/call/{id}</c>.</summary>
public sealed record CallDetail : CallSummary
{
    /// <summary><c>caller_name</c>.</summary>
    public string? CallerName { get; init; }

    /// <summary><c>retry_count</c>.</summary>
    public int RetryCount { get; init; }

    /// <summary><c>summary</c>: the AI summary.</summary>
    public string? Summary { get; init; }

    /// <summary><c>data_captured</c>: free-form extracted data.</summary>
    public IReadOnlyDictionary<string, JsonElement>? DataCaptured { get; init; }

    /// <summary><c>post_call_analysis</c>: free-form structured analysis.</summary>
    public IReadOnlyDictionary<string, JsonElement>? PostCallAnalysis { get; init; }
}

/// <summary>A call's <c>tag</c>.</summary>
public sealed record CallTag
{
    /// <summary><c>id</c>.</summary>
    public long Id { get; init; }

    /// <summary><c>name</c>, e.g. <c>interested</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>color_code</c>, e.g. <c>#22c55e</c>.</summary>
    public string? ColorCode { get; init; }
}

/// <summary><c>data</c> of <c>GET /v1/call/{id}/transcript</c>.</summary>
public sealed record CallTranscript
{
    /// <summary><c>call_id</c>.</summary>
    public required string CallId { get; init; }

    /// <summary><c>transcript</c>: empty when nothing was captured (e.g. not answered).</summary>
    public IReadOnlyList<TranscriptTurn> Transcript { get; init; } = [];
}

/// <summary>One transcript turn, normalised from every shape D7 allows.</summary>
[JsonConverter(typeof(Serialization.TranscriptTurnConverter))]
public sealed record TranscriptTurn
{
    /// <summary>The speaker; aliases are mapped (<c>assistant</c>/<c>bot</c> → agent, <c>customer</c> → user).</summary>
    public TranscriptRole Role { get; init; }

    /// <summary>The text (from <c>content</c>, <c>message</c> or <c>text</c>).</summary>
    public string Content { get; init; } = "";

    /// <summary>Offset from the start of the call, when the service sent one.</summary>
    public double? StartSeconds { get; init; }

    /// <summary>End offset, when the service sent one.</summary>
    public double? EndSeconds { get; init; }
}

/// <summary><c>data</c> of <c>GET /v1/call/{id}/recording</c>: a short-lived presigned URL.</summary>
public sealed record CallRecording
{
    /// <summary><c>call_id</c>.</summary>
    public required string CallId { get; init; }

    /// <summary><c>recording_url</c>: presigned, valid for <see cref="ExpiresInSeconds"/>; may be null (D8).
    /// Server-side only: never send it to a browser or a log.</summary>
    public Uri? RecordingUrl { get; init; }

    /// <summary><c>expires_in_seconds</c> (900).</summary>
    public int ExpiresInSeconds { get; init; }
}
