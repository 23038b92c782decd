using Osvi.Client.Contracts;

namespace Osvi.Dashboard.Services.Chat;

/// <summary>What one history entry records.</summary>
public enum ChatEntryKind
{
    /// <summary>A session was started from the dashboard (<c>POST /v1/chat/session</c>).</summary>
    SessionStarted,

    /// <summary>A message sent as the customer (<c>POST /v1/chat/inbound</c>), with the agent's reply if any.</summary>
    CustomerMessage,

    /// <summary>A plain operator message to the customer (support mode only).</summary>
    OperatorMessage,

    /// <summary><c>tell</c>: guidance that fired an agent turn, with the agent's reply.</summary>
    Tell,

    /// <summary><c>whisper</c>: private guidance; the customer never sees it.</summary>
    Whisper,

    /// <summary><c>takeover</c>: a human took over.</summary>
    Takeover,

    /// <summary><c>end</c>: handed back to the agent.</summary>
    HandBack,

    /// <summary><c>close</c>: closed for good.</summary>
    Close,

    /// <summary>One context entry injected.</summary>
    ContextInjected,

    /// <summary>OSVI closed this session because a new one was started from the dashboard for the same customer and agent.</summary>
    ReplacedByNewSession,
}

/// <summary>How a recorded command ended.</summary>
public enum ChatEntryOutcome
{
    /// <summary>OSVI accepted it.</summary>
    Delivered,

    /// <summary>OSVI refused or failed; nothing was delivered.</summary>
    Failed,

    /// <summary>No answer came (unreachable, timed out, cancelled): it may or may not have been delivered.</summary>
    Unknown,
}

/// <summary>One message or command that passed through this dashboard, as recorded in its database (OSVI has no
/// endpoint that returns a session's messages). Times are UTC.</summary>
public sealed record ChatEntry
{
    /// <summary>The row id (increasing; entries are shown in this order).</summary>
    public long Id { get; init; }

    /// <summary>The session, when known (a failed first message or start has none).</summary>
    public string? SessionId { get; init; }

    /// <summary>The agent.</summary>
    public required string AgentUuid { get; init; }

    /// <summary>The customer.</summary>
    public required string CustomerId { get; init; }

    /// <summary>What it was.</summary>
    public required ChatEntryKind Kind { get; init; }

    /// <summary>Who sent it from the dashboard.</summary>
    public required string Actor { get; init; }

    /// <summary>When the dashboard sent it.</summary>
    public DateTimeOffset SentAt { get; init; }

    /// <summary>When OSVI answered (or the dashboard gave up).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The text sent: the message, the guidance, the context entry.</summary>
    public string? Text { get; init; }

    /// <summary>The outcome.</summary>
    public ChatEntryOutcome Outcome { get; init; }

    /// <summary>The agent's reply OSVI returned (customer message in AI mode, tell).</summary>
    public string? Reply { get; init; }

    /// <summary>OSVI's error message, or why the outcome is unknown.</summary>
    public string? Error { get; init; }

    /// <summary>OSVI's HTTP status for a failure.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The session's mode after the command, when OSVI said or the command implies it.</summary>
    public ChatMode? Mode { get; init; }

    /// <summary>The session's status after the command, when known.</summary>
    public ChatSessionStatus? Status { get; init; }

    /// <summary><c>help_requested</c> after the command, when OSVI said.</summary>
    public bool? HelpRequested { get; init; }

    /// <summary>The operator in control after a takeover.</summary>
    public string? ActiveHuman { get; init; }

    /// <summary>The whole context list after the command (start, inject), when OSVI returned it.</summary>
    public IReadOnlyList<string>? Context { get; init; }

    /// <summary>The input fields sent when starting a session.</summary>
    public IReadOnlyDictionary<string, string>? InputFields { get; init; }

    /// <summary>True when OSVI accepted it.</summary>
    public bool Delivered => Outcome == ChatEntryOutcome.Delivered;
}

/// <summary>A conversation this dashboard has recorded, for the "recent conversations" list.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="AgentUuid">The agent.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="FirstAt">The first entry.</param>
/// <param name="LastAt">The latest entry.</param>
/// <param name="Entries">How many entries.</param>
/// <param name="LastKind">What the latest entry was.</param>
/// <param name="Closed">True when the dashboard saw it closed.</param>
public sealed record ChatConversationSummary(string SessionId, string AgentUuid, string CustomerId, DateTimeOffset FirstAt, DateTimeOffset LastAt,
    int Entries, ChatEntryKind LastKind, bool Closed);

/// <summary>The newest entries of one session, oldest first.</summary>
/// <param name="Entries">The entries shown.</param>
/// <param name="TotalCount">All entries of the session (more than shown when the history is long).</param>
public sealed record ChatTranscript(IReadOnlyList<ChatEntry> Entries, int TotalCount)
{
    /// <summary>No entries.</summary>
    public static ChatTranscript Empty { get; } = new([], 0);
}
