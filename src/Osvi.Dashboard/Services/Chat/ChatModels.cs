using Osvi.Client.Contracts;

namespace Osvi.Dashboard.Services.Chat;

/// <summary>One OSVI chat session as the console shows it (<c>POST /v1/chat/session</c>, <c>GET /v1/chat/session/active</c>).</summary>
/// <param name="Id">The session's UUID.</param>
/// <param name="AgentUuid">The agent the session belongs to (OSVI's session object has only its numeric id; the
/// dashboard knows the UUID from the request or from the map key).</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Mode"><c>ai</c> (the agent replies) or <c>support</c> (a human is in control).</param>
/// <param name="Status"><c>active</c>, <c>dormant</c> or <c>closed</c>.</param>
/// <param name="HelpRequested">The customer asked for a person.</param>
/// <param name="ActiveHuman">The operator in control, if any.</param>
/// <param name="CurrentState">The multi-prompt state name, if any.</param>
/// <param name="Context">The context entries OSVI keeps (at most the newest 5).</param>
/// <param name="InputFields">The input fields, as text.</param>
/// <param name="CreatedAt">When OSVI created it (UTC).</param>
/// <param name="UpdatedAt">When OSVI last changed it (UTC).</param>
public sealed record ChatSessionView(
    string Id,
    string AgentUuid,
    string CustomerId,
    ChatMode Mode,
    ChatSessionStatus Status,
    bool HelpRequested,
    string? ActiveHuman,
    string? CurrentState,
    IReadOnlyList<string> Context,
    IReadOnlyDictionary<string, string> InputFields,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>True once closed: OSVI refuses every further command.</summary>
    public bool IsClosed => Status == ChatSessionStatus.Closed;

    /// <summary>True while a human operator is in control (plain operator messages are allowed).</summary>
    public bool InSupportMode => Mode == ChatMode.Support;
}

/// <summary>Which conversation a command is for. <see cref="SessionId"/> is null only for a customer's first message
/// (OSVI then resolves or creates the session itself).</summary>
/// <param name="AgentUuid">The agent.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="SessionId">The session, when known.</param>
public sealed record ChatTarget(string AgentUuid, string CustomerId, string? SessionId);

/// <summary>What the operator asks of <c>POST /v1/chat/session/{id}/support</c>.</summary>
public enum OperatorCommand
{
    /// <summary><c>takeover</c>: a human takes over; the agent stops replying.</summary>
    Takeover,

    /// <summary>No command: a plain message to the customer (only in support mode).</summary>
    Message,

    /// <summary><c>tell</c>: guidance that fires an agent turn; OSVI returns the agent's reply.</summary>
    Tell,

    /// <summary><c>whisper</c>: private guidance for the agent's next turn; the customer never sees it.</summary>
    Whisper,

    /// <summary><c>end</c>: hands the conversation back to the agent.</summary>
    HandBack,

    /// <summary><c>close</c>: closes the session for good.</summary>
    Close,
}

/// <summary>A new session: the agent, the customer, input fields and initial context entries.</summary>
public sealed record NewChatSession
{
    /// <summary>The number of context entries OSVI keeps (the newest non-empty ones; FIFO).</summary>
    public const int MaxContextEntries = 5;

    /// <summary>The agent.</summary>
    public required string AgentUuid { get; init; }

    /// <summary>The customer.</summary>
    public required string CustomerId { get; init; }

    /// <summary>Input fields (key → text), in the order typed.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> InputFields { get; init; } = [];

    /// <summary>Initial context entries, oldest first.</summary>
    public IReadOnlyList<string> Context { get; init; } = [];

    /// <summary>The customer's session with this agent that was open when the form was filled in, if any: OSVI closes
    /// it first, and the dashboard notes that in its history.</summary>
    public string? ReplacesSessionId { get; init; }

    /// <summary>The entries OSVI will keep: the newest <see cref="MaxContextEntries"/> non-empty ones.</summary>
    public static IReadOnlyList<ContextEntryFate> FateOf(IReadOnlyList<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var nonEmpty = entries.Count(entry => !string.IsNullOrWhiteSpace(entry));
        var toDrop = Math.Max(0, nonEmpty - MaxContextEntries);
        var fates = new ContextEntryFate[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(entries[i]))
            {
                fates[i] = ContextEntryFate.IgnoredEmpty;
            }
            else if (toDrop > 0)
            {
                fates[i] = ContextEntryFate.Dropped;
                toDrop--;
            }
            else
            {
                fates[i] = ContextEntryFate.Kept;
            }
        }

        return fates;
    }
}

/// <summary>What OSVI does with one initial context entry.</summary>
public enum ContextEntryFate
{
    /// <summary>Kept.</summary>
    Kept,

    /// <summary>Dropped: more than five non-empty entries, and this is one of the oldest.</summary>
    Dropped,

    /// <summary>Empty: ignored.</summary>
    IgnoredEmpty,
}

/// <summary>A session a customer has open with one agent (the map of <c>GET /v1/chat/session/active</c> without an agent).</summary>
/// <param name="AgentUuid">The map key.</param>
/// <param name="Session">The session.</param>
public sealed record CustomerChatSession(string AgentUuid, ChatSessionView Session);

/// <summary>A chat agent the console can offer (OSVI's API does not list chat agents).</summary>
/// <param name="Uuid">The agent's <c>agent_…</c> id.</param>
/// <param name="Name">Its name, when known.</param>
/// <param name="Source">Where the dashboard knows it from.</param>
public sealed record ChatAgentOption(string Uuid, string? Name, ChatAgentSource Source)
{
    /// <summary>The name, or the id when the name is unknown.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Uuid : Name;
}

/// <summary>Where the dashboard knows a chat agent from.</summary>
public enum ChatAgentSource
{
    /// <summary><c>Dashboard:Chat:Agents</c>.</summary>
    Configured,

    /// <summary>The built-in simulator (demo mode).</summary>
    Demo,

    /// <summary>A conversation this dashboard has recorded.</summary>
    Seen,
}
