using System.Text.Json;

namespace Osvi.Client.Contracts;

/// <summary>Body of <c>POST /v1/chat/session</c>.</summary>
public sealed record CreateChatSessionRequest
{
    /// <summary><c>agent_uuid</c>: an active, non-archived agent of this account.</summary>
    public required string AgentUuid { get; init; }

    /// <summary><c>customer_id</c>: your stable customer identifier.</summary>
    public required string CustomerId { get; init; }

    /// <summary><c>input_fields</c>: arbitrary key-values for the agent.</summary>
    public IReadOnlyDictionary<string, JsonElement>? InputFields { get; init; }

    /// <summary><c>context</c>: initial entries; OSVI keeps only the newest 5 non-empty strings.</summary>
    public IReadOnlyList<string>? Context { get; init; }
}

/// <summary>A chat session (v1).</summary>
public sealed record ChatSession
{
    /// <summary><c>id</c> (UUID).</summary>
    public required string Id { get; init; }

    /// <summary><c>chat_agent_id</c>.</summary>
    public long ChatAgentId { get; init; }

    /// <summary><c>account_id</c>.</summary>
    public long AccountId { get; init; }

    /// <summary><c>customer_id</c>.</summary>
    public string CustomerId { get; init; } = "";

    /// <summary><c>mode</c>: <c>ai</c> or <c>support</c>.</summary>
    public ChatMode Mode { get; init; }

    /// <summary><c>help_requested</c>.</summary>
    public bool HelpRequested { get; init; }

    /// <summary><c>status</c>: <c>active</c>, <c>dormant</c> or <c>closed</c>.</summary>
    public ChatSessionStatus Status { get; init; }

    /// <summary><c>current_state</c>: the multi-prompt state name, if any.</summary>
    public string? CurrentState { get; init; }

    /// <summary><c>metadata</c>.</summary>
    public ChatSessionMetadata? Metadata { get; init; }

    /// <summary><c>active_human</c>: the operator who took over, if any.</summary>
    public string? ActiveHuman { get; init; }

    /// <summary><c>created_at</c> (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>updated_at</c> (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A session's <c>metadata</c>.</summary>
public sealed record ChatSessionMetadata
{
    /// <summary><c>input_fields</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement>? InputFields { get; init; }

    /// <summary><c>state_fields</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement>? StateFields { get; init; }

    /// <summary><c>context</c>: at most the newest 5 entries.</summary>
    public IReadOnlyList<string>? Context { get; init; }
}

/// <summary>Body of <c>POST /v1/chat/inbound</c>: a customer message.</summary>
public sealed record InboundMessageRequest
{
    /// <summary><c>agent_uuid</c>.</summary>
    public required string AgentUuid { get; init; }

    /// <summary><c>customer_id</c>.</summary>
    public required string CustomerId { get; init; }

    /// <summary><c>content</c>: the message text.</summary>
    public required string Content { get; init; }

    /// <summary><c>session_id</c>: optional; without it the active session is resolved or created.</summary>
    public string? SessionId { get; init; }
}

/// <summary><c>data</c> of <c>POST /v1/chat/inbound</c>.</summary>
public sealed record InboundMessageResult
{
    /// <summary><c>session_id</c>.</summary>
    public required string SessionId { get; init; }

    /// <summary><c>reply</c>: the agent's answer; null while a human is in control (D13).</summary>
    public string? Reply { get; init; }

    /// <summary><c>state</c>, e.g. <c>default</c>.</summary>
    public string? State { get; init; }

    /// <summary><c>mode</c>.</summary>
    public ChatMode Mode { get; init; }

    /// <summary><c>help_requested</c>.</summary>
    public bool HelpRequested { get; init; }
}

/// <summary>Body of <c>POST /v1/chat/session/{id}/support</c>. No command and a message = a plain operator
/// message, valid only in <c>support</c> mode.</summary>
public sealed record SupportCommandRequest
{
    /// <summary><c>command</c>: <c>takeover</c>, <c>tell</c>, <c>whisper</c>, <c>end</c>, <c>close</c>, or null.</summary>
    public SupportCommand? Command { get; init; }

    /// <summary><c>message</c>: required for <c>tell</c> and plain messages.</summary>
    public string? Message { get; init; }
}

/// <summary><c>data</c> of a support command.</summary>
public sealed record SupportCommandResult
{
    /// <summary><c>state</c>: <c>ok</c>.</summary>
    public string? State { get; init; }

    /// <summary><c>session_id</c>.</summary>
    public required string SessionId { get; init; }

    /// <summary><c>command</c> echoed back (null for a plain message).</summary>
    public SupportCommand? Command { get; init; }

    /// <summary><c>reply</c>: the agent's turn after <c>tell</c>.</summary>
    public string? Reply { get; init; }

    /// <summary><c>active_human</c>: after <c>takeover</c>.</summary>
    public string? ActiveHuman { get; init; }
}

/// <summary>Body of <c>POST /v1/chat/session/{id}/inject_context</c>.</summary>
public sealed record InjectContextRequest
{
    /// <summary><c>context</c>: one non-empty entry to append.</summary>
    public required string Context { get; init; }
}

/// <summary><c>data</c> of inject context: the whole context list after the append.</summary>
public sealed record InjectContextResult
{
    /// <summary><c>session_id</c>.</summary>
    public required string SessionId { get; init; }

    /// <summary><c>context</c>.</summary>
    public IReadOnlyList<string> Context { get; init; } = [];
}
