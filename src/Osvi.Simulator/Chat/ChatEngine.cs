using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Osvi.Simulator.Admin;
using Osvi.Simulator.Time;
using Osvi.Simulator.Wire;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Chat;

/// <summary>Why a chat operation was refused.</summary>
internal enum ChatError
{
    None,
    NotFound,
    Closed,
    NotInSupportMode,
    MessageMissing,
    UnknownCommand,
}

/// <summary>
/// The chat v1 state machine (contract §3.13–3.17, D13). Sessions are keyed by (account, agent, customer); at most one
/// is open (active or dormant) per key. Modes: <c>ai</c> (the agent replies) and <c>support</c> (a human has taken over;
/// replies are null). <c>close</c> is terminal. A session quiet for <see cref="SimulatorOptions.ChatDormancyMinutes"/>
/// becomes <c>dormant</c> and an inbound message resumes it.
/// </summary>
public sealed class ChatEngine(SimulatorWorld world, SimulatorClock clock, IOptions<SimulatorOptions> options, RuntimeSettings settings)
{
    /// <summary>The largest context list a session keeps (FIFO).</summary>
    public const int MaxContextEntries = 5;

    /// <summary>The support commands.</summary>
    public static IReadOnlyList<string> Commands { get; } = ["takeover", "tell", "whisper", "end", "close"];

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Session> _sessions = [];
    private readonly Dictionary<(long Account, string Agent, string Customer), Session> _open = [];
    private readonly TimeSpan _dormancy = TimeSpan.FromMinutes(options.Value.ChatDormancyMinutes);

    internal (ChatSessionDto? Session, ChatError Error) Create(Account account, string agentUuid, string customerId, JsonObject? inputFields, IEnumerable<string>? context)
    {
        if (world.FindActiveAgent(account, agentUuid) is not { } agent)
        {
            return (null, ChatError.NotFound);
        }

        lock (_gate)
        {
            var now = clock.UtcNow;
            var key = (account.Id, agentUuid, customerId);
            if (_open.TryGetValue(key, out var previous))
            {
                previous.Status = "closed";
                previous.UpdatedAt = now;
                _open.Remove(key);
            }

            var session = NewSession(account, agentUuid, agent.AgentId, customerId, inputFields, now);
            foreach (var entry in context ?? [])
            {
                AddContext(session, entry);
            }

            return (session.ToDto(), ChatError.None);
        }
    }

    internal (InboundResultDto? Result, ChatError Error) Inbound(Account account, string agentUuid, string customerId, string content, string? sessionId)
    {
        if (world.FindActiveAgent(account, agentUuid) is not { } agent)
        {
            return (null, ChatError.NotFound);
        }

        lock (_gate)
        {
            var now = clock.UtcNow;
            var key = (account.Id, agentUuid, customerId);
            Session? session;
            if (sessionId is not null)
            {
                if (!Guid.TryParseExact(sessionId, "D", out var id) || !_sessions.TryGetValue(id, out session) || session.AccountId != account.Id
                    || session.AgentUuid != agentUuid || session.CustomerId != customerId)
                {
                    return (null, ChatError.NotFound);
                }

                if (session.Status == "closed")
                {
                    return (null, ChatError.Closed);
                }
            }
            else if (!_open.TryGetValue(key, out session))
            {
                session = NewSession(account, agentUuid, agent.AgentId, customerId, null, now);
            }

            Refresh(session, now);
            Touch(session, now);
            session.Log("customer", content, now);
            if (ChatReplies.AsksForHuman(content))
            {
                session.HelpRequested = true;
            }

            string? reply = null;
            if (session.Mode == "ai")
            {
                reply = AiReply(session, content, now);
            }

            return (new InboundResultDto(session.Id.ToString("D"), reply, "default", session.Mode, session.HelpRequested), ChatError.None);
        }
    }

    internal (ChatSessionDto? Session, ChatError Error) GetActive(Account account, string customerId, string agentUuid)
    {
        if (!world.AgentBelongsTo(account, agentUuid))
        {
            return (null, ChatError.NotFound);
        }

        lock (_gate)
        {
            if (!_open.TryGetValue((account.Id, agentUuid, customerId), out var session))
            {
                return (null, ChatError.NotFound);
            }

            Refresh(session, clock.UtcNow);
            return (session.ToDto(), ChatError.None);
        }
    }

    internal Dictionary<string, ChatSessionDto> GetActiveByAgent(Account account, string customerId)
    {
        lock (_gate)
        {
            var now = clock.UtcNow;
            var result = new Dictionary<string, ChatSessionDto>(StringComparer.Ordinal);
            foreach (var ((accountId, agentUuid, customer), session) in _open)
            {
                if (accountId == account.Id && customer == customerId)
                {
                    Refresh(session, now);
                    result[agentUuid] = session.ToDto();
                }
            }

            return result;
        }
    }

    internal (SupportResultDto? Result, ChatError Error) Support(Account account, string sessionId, string? command, string? message)
    {
        lock (_gate)
        {
            var now = clock.UtcNow;
            if (Find(account, sessionId) is not { } session)
            {
                return (null, ChatError.NotFound);
            }

            if (session.Status == "closed")
            {
                return (null, ChatError.Closed);
            }

            if (command is not null && !Commands.Contains(command, StringComparer.Ordinal))
            {
                return (null, ChatError.UnknownCommand);
            }

            Refresh(session, now);
            var sessionText = session.Id.ToString("D");
            switch (command)
            {
                case null:
                    if (session.Mode != "support")
                    {
                        return (null, ChatError.NotInSupportMode);
                    }

                    if (message is null)
                    {
                        return (null, ChatError.MessageMissing);
                    }

                    Touch(session, now);
                    session.Log("operator", message, now);
                    return (new SupportResultDto("ok", sessionText, null, null, null), ChatError.None);

                case "takeover":
                    Touch(session, now);
                    session.Mode = "support";
                    session.ActiveHuman = options.Value.ChatOperatorId;
                    if (message is not null)
                    {
                        session.Log("operator", message, now);
                    }

                    return (new SupportResultDto("ok", sessionText, command, null, session.ActiveHuman), ChatError.None);

                case "tell":
                    if (message is null)
                    {
                        return (null, ChatError.MessageMissing);
                    }

                    Touch(session, now);
                    session.Log("guidance", message, now);
                    session.Log("agent", ChatReplies.TellReply, now);
                    return (new SupportResultDto("ok", sessionText, command, ChatReplies.TellReply, null), ChatError.None);

                case "whisper":
                    if (message is null)
                    {
                        return (null, ChatError.MessageMissing);
                    }

                    Touch(session, now);
                    session.Log("whisper", message, now);
                    session.PendingWhisper = true;
                    return (new SupportResultDto("ok", sessionText, command, null, null), ChatError.None);

                case "end":
                    Touch(session, now);
                    session.Mode = "ai";
                    session.ActiveHuman = null;
                    session.HelpRequested = false;
                    return (new SupportResultDto("ok", sessionText, command, null, null), ChatError.None);

                default:
                    Touch(session, now);
                    session.Status = "closed";
                    _open.Remove((session.AccountId, session.AgentUuid, session.CustomerId));
                    return (new SupportResultDto("ok", sessionText, command, null, null), ChatError.None);
            }
        }
    }

    internal (InjectContextResultDto? Result, ChatError Error) InjectContext(Account account, string sessionId, string context)
    {
        lock (_gate)
        {
            var now = clock.UtcNow;
            if (Find(account, sessionId) is not { } session)
            {
                return (null, ChatError.NotFound);
            }

            if (session.Status == "closed")
            {
                return (null, ChatError.Closed);
            }

            Refresh(session, now);
            AddContext(session, context);
            session.UpdatedAt = now;
            return (new InjectContextResultDto(session.Id.ToString("D"), [.. session.Context]), ChatError.None);
        }
    }

    /// <summary>Admin: every message of a session (customer, agent, operator, whisper, guidance) in order; null when unknown.</summary>
    public IReadOnlyList<AdminChatMessage>? GetMessages(string sessionId)
    {
        lock (_gate)
        {
            return Guid.TryParseExact(sessionId, "D", out var id) && _sessions.TryGetValue(id, out var session)
                ? [.. session.Messages]
                : null;
        }
    }

    private Session? Find(Account account, string sessionId) =>
        Guid.TryParseExact(sessionId, "D", out var id) && _sessions.TryGetValue(id, out var session) && session.AccountId == account.Id ? session : null;

    private Session NewSession(Account account, string agentUuid, long agentId, string customerId, JsonObject? inputFields, DateTimeOffset now)
    {
        var session = new Session
        {
            Id = Guid.NewGuid(),
            AccountId = account.Id,
            AgentUuid = agentUuid,
            ChatAgentId = agentId,
            CustomerId = customerId,
            InputFields = inputFields ?? [],
            CreatedAt = now,
            UpdatedAt = now,
            LastActivity = now,
        };
        _sessions.Add(session.Id, session);
        _open[(account.Id, agentUuid, customerId)] = session;
        return session;
    }

    private string AiReply(Session session, string content, DateTimeOffset now)
    {
        var reply = settings.ChatReply ?? ChatReplies.Reply(content);
        if (session.PendingWhisper)
        {
            reply += ChatReplies.WhisperAcknowledgement;
            session.PendingWhisper = false;
        }

        session.Log("agent", reply, now);
        return reply;
    }

    private void Refresh(Session session, DateTimeOffset now)
    {
        if (session.Status == "active" && now - session.LastActivity >= _dormancy)
        {
            session.Status = "dormant";
            session.UpdatedAt = session.LastActivity + _dormancy;
        }
    }

    private static void Touch(Session session, DateTimeOffset now)
    {
        session.Status = "active";
        session.LastActivity = now;
        session.UpdatedAt = now;
    }

    private static void AddContext(Session session, string entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return;
        }

        session.Context.Add(entry);
        while (session.Context.Count > MaxContextEntries)
        {
            session.Context.RemoveAt(0);
        }
    }

    private sealed class Session
    {
        public required Guid Id { get; init; }
        public required long AccountId { get; init; }
        public required string AgentUuid { get; init; }
        public required long ChatAgentId { get; init; }
        public required string CustomerId { get; init; }
        public required JsonObject InputFields { get; init; }
        public required DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; set; }
        public DateTimeOffset LastActivity { get; set; }
        public string Mode { get; set; } = "ai";
        public string Status { get; set; } = "active";
        public bool HelpRequested { get; set; }
        public string? ActiveHuman { get; set; }
        public bool PendingWhisper { get; set; }
        public List<string> Context { get; } = [];
        public List<AdminChatMessage> Messages { get; } = [];

        public void Log(string role, string content, DateTimeOffset at) => Messages.Add(new AdminChatMessage(role, content, Timestamps.ChatUtc(at)));

        public ChatSessionDto ToDto() => new(
            Id.ToString("D"), ChatAgentId, AccountId, CustomerId, Mode, HelpRequested, Status, null,
            new ChatMetadataDto((JsonObject)InputFields.DeepClone(), [], [.. Context]), ActiveHuman,
            Timestamps.ChatUtc(CreatedAt), Timestamps.ChatUtc(UpdatedAt));
    }
}
