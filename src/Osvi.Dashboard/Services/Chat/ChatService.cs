using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Services.Chat;

/// <summary>OSVI's chat v1 API for the console (§3.13–3.17). Reads are open to every user; every command needs
/// <see cref="DashboardPermission.OperateChat"/>, is sent exactly once (never retried), audited whatever the outcome,
/// and recorded in the chat history (<see cref="IChatHistory"/>) with OSVI's answer.</summary>
public interface IChatService
{
    /// <summary>The customer's open (active or dormant) session with an agent; null when there is none (OSVI's 404, which
    /// it also answers for an agent it does not know).</summary>
    Task<ServiceResult<ChatSessionView?>> FindActiveSessionAsync(string agentUuid, string customerId, CancellationToken ct);

    /// <summary>The customer's open sessions with every agent.</summary>
    Task<ServiceResult<IReadOnlyList<CustomerChatSession>>> FindCustomerSessionsAsync(string customerId, CancellationToken ct);

    /// <summary>Starts a session; OSVI first closes the customer's open session with this agent.</summary>
    Task<ServiceResult<ChatSessionView>> StartSessionAsync(NewChatSession request, CancellationToken ct);

    /// <summary>Sends a message as the customer (to test an agent); the entry holds the agent's reply (null while a human
    /// is in control). Without a session id OSVI resolves or creates the session.</summary>
    Task<ServiceResult<ChatEntry>> SendAsCustomerAsync(ChatTarget target, string content, CancellationToken ct);

    /// <summary>An operator command: take over, plain message, tell, whisper, hand back, close.</summary>
    Task<ServiceResult<ChatEntry>> SendOperatorCommandAsync(ChatTarget target, OperatorCommand command, string? message, CancellationToken ct);

    /// <summary>Appends one context entry (OSVI keeps the newest 5).</summary>
    Task<ServiceResult<ChatEntry>> InjectContextAsync(ChatTarget target, string context, CancellationToken ct);
}

internal sealed class ChatService(OsviGateway osvi, IAuditedActions actions, IChatHistory history, ICurrentUser currentUser,
    TimeProvider time, IOptions<DashboardOptions> options) : IChatService
{
    private const int AuditedTextLength = 200;

    public async Task<ServiceResult<ChatSessionView?>> FindActiveSessionAsync(string agentUuid, string customerId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentUuid);
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        const string operation = "find active chat session";
        var sent = await osvi.SendAsync(operation, (api, token) => api.GetActiveChatSessionAsync(customerId, agentUuid, token), ct);
        if (!sent.Succeeded)
        {
            return ServiceResult<ChatSessionView?>.From(sent);
        }

        using var response = sent.Value;
        if (response.IsSuccessStatusCode && response.Content?.Data is { } session)
        {
            return ServiceResult<ChatSessionView?>.Success(ToView(session, agentUuid));
        }

        return response.StatusCode == HttpStatusCode.NotFound
            ? ServiceResult<ChatSessionView?>.Success(null)
            : ServiceResult<ChatSessionView?>.Failed(osvi.Translate(operation, response)
                ?? new OsviError(OsviErrorKind.Unexpected, (int?)response.StatusCode, "OSVI answered without a session.", []));
    }

    public Task<ServiceResult<IReadOnlyList<CustomerChatSession>>> FindCustomerSessionsAsync(string customerId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        return osvi.SendAsync("list a customer's chat sessions", (api, token) => api.GetActiveChatSessionsAsync(customerId, token),
            envelope => (IReadOnlyList<CustomerChatSession>)[.. envelope.Data
                .Select(pair => new CustomerChatSession(pair.Key, ToView(pair.Value, pair.Key)))
                .OrderByDescending(session => session.Session.UpdatedAt)], ct);
    }

    public Task<ServiceResult<ChatSessionView>> StartSessionAsync(NewChatSession request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.AgentUuid);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CustomerId);
        var inputFields = request.InputFields
            .Where(field => !string.IsNullOrWhiteSpace(field.Key))
            .GroupBy(field => field.Key.Trim(), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Last().Value ?? "", StringComparer.Ordinal);
        var wire = new CreateChatSessionRequest
        {
            AgentUuid = request.AgentUuid,
            CustomerId = request.CustomerId,
            InputFields = inputFields.Count == 0 ? null : inputFields.ToDictionary(field => field.Key, field => JsonSerializer.SerializeToElement(field.Value)),
            Context = request.Context.Count == 0 ? null : request.Context,
        };
        if ((TooLong("customer_id", "The customer id", request.CustomerId)
            ?? inputFields.Select(field => TooLong("input_fields", $"Input field {field.Key}", field.Key + field.Value)).FirstOrDefault(error => error is not null)
            ?? request.Context.Select((entry, index) => TooLong("context", $"Context entry {index + 1}", entry)).FirstOrDefault(error => error is not null))
            is { } tooLong)
        {
            return Task.FromResult(ServiceResult<ChatSessionView>.Failed(tooLong));
        }

        var target = new ChatTarget(request.AgentUuid, request.CustomerId, null);
        var record = Audit("chat.session.start", target, new Dictionary<string, object?>
        {
            ["input_fields"] = inputFields.Keys.ToArray(),
            ["context_entries"] = request.Context.Count,
            ["replaces_session_id"] = request.ReplacesSessionId,
        });

        return actions.RunAsync(DashboardPermission.OperateChat, record, async token =>
        {
            var draft = await DraftAsync(target, ChatEntryKind.SessionStarted, null) with { InputFields = inputFields, Context = request.Context };
            var result = await SendAndRecordAsync("start chat session", draft,
                (api, t) => api.CreateChatSessionAsync(wire, t),
                (envelope, entry) => entry with
                {
                    SessionId = envelope.Data.Id,
                    Mode = envelope.Data.Mode,
                    Status = envelope.Data.Status,
                    HelpRequested = envelope.Data.HelpRequested,
                    Context = envelope.Data.Metadata?.Context ?? [],
                }, token);
            if (!result.Succeeded)
            {
                return ServiceResult<ChatSessionView>.From(result);
            }

            var session = ToView(result.Value.Wire.Data, request.AgentUuid);
            if (request.ReplacesSessionId is { } replaced && replaced != session.Id)
            {
                await history.RecordAsync(draft with
                {
                    SessionId = replaced,
                    Kind = ChatEntryKind.ReplacedByNewSession,
                    Outcome = ChatEntryOutcome.Delivered,
                    Text = session.Id,
                    Status = ChatSessionStatus.Closed,
                    Context = null,
                    InputFields = null,
                }, CancellationToken.None);
            }

            return ServiceResult<ChatSessionView>.Success(session);
        }, session => $"session {session.Id}", ct);
    }

    public Task<ServiceResult<ChatEntry>> SendAsCustomerAsync(ChatTarget target, string content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(content);
        if ((TooLong("content", "The message", content) ?? TooLong("customer_id", "The customer id", target.CustomerId)) is { } tooLong)
        {
            return Task.FromResult(ServiceResult<ChatEntry>.Failed(tooLong));
        }

        var wire = new InboundMessageRequest { AgentUuid = target.AgentUuid, CustomerId = target.CustomerId, Content = content, SessionId = target.SessionId };
        return RunAsync("chat.customer-message", target, ChatEntryKind.CustomerMessage, content, "send a customer message",
            (api, token) => api.SendInboundMessageAsync(wire, token),
            (envelope, entry) => entry with
            {
                SessionId = envelope.Data.SessionId,
                Reply = envelope.Data.Reply,
                Mode = envelope.Data.Mode,
                HelpRequested = envelope.Data.HelpRequested,
                Status = ChatSessionStatus.Active,
            }, ct);
    }

    public Task<ServiceResult<ChatEntry>> SendOperatorCommandAsync(ChatTarget target, OperatorCommand command, string? message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(target.SessionId);
        if (command is OperatorCommand.Message or OperatorCommand.Tell or OperatorCommand.Whisper)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(message);
        }

        var (wireCommand, kind, auditAction) = command switch
        {
            OperatorCommand.Takeover => ((SupportCommand?)SupportCommand.Takeover, ChatEntryKind.Takeover, "chat.takeover"),
            OperatorCommand.Message => (null, ChatEntryKind.OperatorMessage, "chat.operator-message"),
            OperatorCommand.Tell => (SupportCommand.Tell, ChatEntryKind.Tell, "chat.tell"),
            OperatorCommand.Whisper => (SupportCommand.Whisper, ChatEntryKind.Whisper, "chat.whisper"),
            OperatorCommand.HandBack => (SupportCommand.End, ChatEntryKind.HandBack, "chat.hand-back"),
            OperatorCommand.Close => (SupportCommand.Close, ChatEntryKind.Close, "chat.close"),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown operator command."),
        };
        var text = string.IsNullOrWhiteSpace(message) ? null : message;
        if (TooLong("message", "The message", text) is { } tooLong)
        {
            return Task.FromResult(ServiceResult<ChatEntry>.Failed(tooLong));
        }

        var wire = new SupportCommandRequest { Command = wireCommand, Message = text };
        var sessionId = target.SessionId;
        return RunAsync(auditAction, target, kind, text, $"chat support command {wireCommand?.Value ?? "message"}",
            (api, token) => api.SendSupportCommandAsync(sessionId, wire, token),
            (envelope, entry) => command switch
            {
                OperatorCommand.Takeover => entry with { Mode = ChatMode.Support, ActiveHuman = envelope.Data.ActiveHuman, Status = ChatSessionStatus.Active },
                OperatorCommand.Tell => entry with { Reply = envelope.Data.Reply, Status = ChatSessionStatus.Active },
                OperatorCommand.HandBack => entry with { Mode = ChatMode.Ai, Status = ChatSessionStatus.Active },
                OperatorCommand.Close => entry with { Status = ChatSessionStatus.Closed },
                _ => entry with { Status = ChatSessionStatus.Active },
            }, ct);
    }

    public Task<ServiceResult<ChatEntry>> InjectContextAsync(ChatTarget target, string context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(target.SessionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(context);
        if (TooLong("context", "The context entry", context) is { } tooLong)
        {
            return Task.FromResult(ServiceResult<ChatEntry>.Failed(tooLong));
        }

        var sessionId = target.SessionId;
        return RunAsync("chat.context", target, ChatEntryKind.ContextInjected, context, "inject chat context",
            (api, token) => api.InjectContextAsync(sessionId, new InjectContextRequest { Context = context }, token),
            (envelope, entry) => entry with { Context = envelope.Data.Context }, ct);
    }

    private Task<ServiceResult<ChatEntry>> RunAsync<TWire>(string auditAction, ChatTarget target, ChatEntryKind kind, string? text, string operation,
        Func<IOsviApi, CancellationToken, Task<TWire>> call, Func<TWire, ChatEntry, ChatEntry> describe, CancellationToken ct)
    {
        var record = Audit(auditAction, target, new Dictionary<string, object?> { ["text"] = Shorten(text) });
        return actions.RunAsync(DashboardPermission.OperateChat, record, async token =>
        {
            var draft = await DraftAsync(target, kind, text);
            var result = await SendAndRecordAsync(operation, draft, call, describe, token);
            return result.Map(sent => sent.Entry);
        }, entry => entry.SessionId is { } id ? $"session {id}" : null, ct);
    }

    // One request, never retried; the history gets a row whatever happens, including "no answer" (outcome unknown).
    private async Task<ServiceResult<(TWire Wire, ChatEntry Entry)>> SendAndRecordAsync<TWire>(string operation, ChatEntry draft,
        Func<IOsviApi, CancellationToken, Task<TWire>> call, Func<TWire, ChatEntry, ChatEntry> describe, CancellationToken ct)
    {
        ServiceResult<TWire> result;
        try
        {
            result = await osvi.SendAsync(operation, call, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await history.RecordAsync(draft with
            {
                Outcome = ChatEntryOutcome.Unknown,
                Error = "Cancelled before OSVI answered: it may or may not have been delivered.",
            }, CancellationToken.None);
            throw;
        }

        if (!result.Succeeded)
        {
            var error = result.Error ?? throw new InvalidOperationException("A gateway call is never refused.");
            await history.RecordAsync(draft with
            {
                Outcome = error.Kind == OsviErrorKind.Unreachable ? ChatEntryOutcome.Unknown : ChatEntryOutcome.Failed,
                Error = error.Message,
                StatusCode = error.StatusCode,
            }, CancellationToken.None);
            return ServiceResult<(TWire, ChatEntry)>.Failed(error);
        }

        var entry = await history.RecordAsync(describe(result.Value, draft with { Outcome = ChatEntryOutcome.Delivered }), CancellationToken.None);
        return ServiceResult<(TWire, ChatEntry)>.Success((result.Value, entry));
    }

    private async Task<ChatEntry> DraftAsync(ChatTarget target, ChatEntryKind kind, string? text)
    {
        var user = await currentUser.GetAsync();
        return new ChatEntry
        {
            SessionId = target.SessionId,
            AgentUuid = target.AgentUuid,
            CustomerId = target.CustomerId,
            Kind = kind,
            Actor = user.Name,
            SentAt = time.GetUtcNow(),
            Text = text,
        };
    }

    private AuditRecord Audit(string action, ChatTarget target, Dictionary<string, object?> parameters)
    {
        parameters["customer_id"] = target.CustomerId;
        var phone = PhoneNumberRules.Parse(target.CustomerId, options.Value.PhoneRegion);
        return new AuditRecord
        {
            Category = AuditCategories.Chat,
            Action = action,
            Target = target.SessionId,
            AgentUuid = target.AgentUuid,
            Phone = phone.IsValid ? phone.E164 : null,
            Parameters = parameters,
            Source = "chat-console",
        };
    }

    // Refused before the audit and the request: nothing was attempted, so nothing is sent or recorded.
    private OsviError? TooLong(string field, string label, string? value) =>
        InputLimits.TooLong(field, label, value, options.Value.Limits.MaxTextLength);

    private static string? Shorten(string? text) => text is null || text.Length <= AuditedTextLength ? text : text[..AuditedTextLength] + "…";

    internal static ChatSessionView ToView(ChatSession session, string agentUuid) => new(
        session.Id,
        agentUuid,
        session.CustomerId,
        session.Mode,
        session.Status,
        session.HelpRequested,
        session.ActiveHuman,
        session.CurrentState,
        session.Metadata?.Context ?? [],
        session.Metadata?.InputFields?.ToDictionary(field => field.Key, field => Text(field.Value), StringComparer.Ordinal) ?? [],
        session.CreatedAt,
        session.UpdatedAt);

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };
}
