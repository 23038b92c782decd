using System.Text.Json;
using System.Text.Json.Serialization;

namespace Osvi.Client.Contracts;

/// <summary>W1: the payload OSVI POSTs to a call's <c>webhook_url</c> when it ends.</summary>
public sealed record CallCompletedWebhook
{
    /// <summary><c>agent_name</c>.</summary>
    public string? AgentName { get; init; }

    /// <summary><c>agent_uuid</c>.</summary>
    public string? AgentUuid { get; init; }

    /// <summary><c>phone_number</c>, E.164.</summary>
    public string? PhoneNumber { get; init; }

    /// <summary><c>call_log_id</c> (UUID; the call's id).</summary>
    public string? CallLogId { get; init; }

    /// <summary><c>chat</c>: the transcript as <c>"Agent: ...\nUser: ..."</c>.</summary>
    public string? Chat { get; init; }

    /// <summary><c>call_status</c>.</summary>
    public CallStatus CallStatus { get; init; }

    /// <summary><c>executionMode</c> (camelCase on the wire): <c>prod</c> or <c>test</c>.</summary>
    [JsonPropertyName("executionMode")]
    public string? ExecutionMode { get; init; }

    /// <summary>Fields this contract does not know yet (D15: tolerated, kept).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>W2: a post-call analysis integration payload in Auto mode (sections may be missing).</summary>
public sealed record PostCallAnalysisWebhook
{
    /// <summary><c>call_log_id</c>.</summary>
    public string? CallLogId { get; init; }

    /// <summary><c>phone_number</c>.</summary>
    public string? PhoneNumber { get; init; }

    /// <summary><c>agent_name</c> (the documented example holds an agent UUID here).</summary>
    public string? AgentName { get; init; }

    /// <summary><c>call_status</c>.</summary>
    public CallStatus CallStatus { get; init; }

    /// <summary><c>call_type</c>.</summary>
    public CallType? CallType { get; init; }

    /// <summary><c>call_summary</c>.</summary>
    public string? CallSummary { get; init; }

    /// <summary><c>data_capture</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement>? DataCapture { get; init; }

    /// <summary><c>structured_output</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement>? StructuredOutput { get; init; }

    /// <summary><c>call_trigger_data</c>: the original trigger payload.</summary>
    public IReadOnlyDictionary<string, JsonElement>? CallTriggerData { get; init; }

    /// <summary>Fields this contract does not know yet (D15: tolerated, kept).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
