using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Chat;

namespace Osvi.Dashboard.Testing.Fakes;

/// <summary>An <see cref="IChatService"/> with settable answers. Like the real one, every command it accepts is recorded
/// in the history it is given (so watching screens see it), and <see cref="Calls"/> counts what reached "OSVI".
/// Set <see cref="Gate"/> to hold commands in flight.</summary>
public sealed class FakeChatService(FakeChatHistory history) : IChatService
{
    /// <summary>Every call, e.g. <c>support:Takeover</c>, <c>inbound:hello</c>.</summary>
    public List<string> Calls { get; } = [];

    /// <summary>The last new-session request.</summary>
    public NewChatSession? LastStart { get; private set; }

    /// <summary>Commands wait for this before answering, when set.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>The answer of the active-session lookup.</summary>
    public Func<string, string, ServiceResult<ChatSessionView?>> FindActive { get; set; } = (_, _) => ServiceResult<ChatSessionView?>.Success(null);

    /// <summary>The answer of the customer's sessions.</summary>
    public Func<string, ServiceResult<IReadOnlyList<CustomerChatSession>>> FindCustomer { get; set; } =
        _ => ServiceResult<IReadOnlyList<CustomerChatSession>>.Success([]);

    /// <summary>A failure for the next command (then cleared), or null to accept it.</summary>
    public OsviError? NextFailure { get; set; }

    /// <summary>The agent's reply to a customer message in AI mode.</summary>
    public string Reply { get; set; } = "Sure — I can help with that. What's your order number?";

    /// <summary>The mode commands leave the session in.</summary>
    public ChatMode Mode { get; set; } = ChatMode.Ai;

    public Task<ServiceResult<ChatSessionView?>> FindActiveSessionAsync(string agentUuid, string customerId, CancellationToken ct)
    {
        Calls.Add($"find:{agentUuid}:{customerId}");
        return Task.FromResult(FindActive(agentUuid, customerId));
    }

    public Task<ServiceResult<IReadOnlyList<CustomerChatSession>>> FindCustomerSessionsAsync(string customerId, CancellationToken ct)
    {
        Calls.Add($"customer:{customerId}");
        return Task.FromResult(FindCustomer(customerId));
    }

    public async Task<ServiceResult<ChatSessionView>> StartSessionAsync(NewChatSession request, CancellationToken ct)
    {
        Calls.Add("start");
        LastStart = request;
        await WaitAsync();
        if (TakeFailure() is { } failure)
        {
            return ServiceResult<ChatSessionView>.Failed(failure);
        }

        var session = ChatFixtures.Session("5f0c3c55-1111-4b2a-9a00-000000000001", request.AgentUuid, request.CustomerId) with
        {
            Context = [.. request.Context.Where(c => !string.IsNullOrWhiteSpace(c)).TakeLast(NewChatSession.MaxContextEntries)],
        };
        await history.RecordAsync(Entry(new ChatTarget(request.AgentUuid, request.CustomerId, session.Id), ChatEntryKind.SessionStarted, null) with
        {
            Context = session.Context,
            Mode = ChatMode.Ai,
            Status = ChatSessionStatus.Active,
        }, ct);
        return ServiceResult<ChatSessionView>.Success(session);
    }

    public async Task<ServiceResult<ChatEntry>> SendAsCustomerAsync(ChatTarget target, string content, CancellationToken ct)
    {
        Calls.Add($"inbound:{content}");
        await WaitAsync();
        var sessionId = target.SessionId ?? "5f0c3c55-2222-4b2a-9a00-000000000002";
        return await AnswerAsync(target with { SessionId = sessionId }, ChatEntryKind.CustomerMessage, content,
            entry => entry with { Reply = Mode == ChatMode.Ai ? Reply : null, Mode = Mode, HelpRequested = false }, ct);
    }

    public async Task<ServiceResult<ChatEntry>> SendOperatorCommandAsync(ChatTarget target, OperatorCommand command, string? message, CancellationToken ct)
    {
        Calls.Add($"support:{command}{(message is null ? "" : ":" + message)}");
        await WaitAsync();
        var kind = command switch
        {
            OperatorCommand.Takeover => ChatEntryKind.Takeover,
            OperatorCommand.Message => ChatEntryKind.OperatorMessage,
            OperatorCommand.Tell => ChatEntryKind.Tell,
            OperatorCommand.Whisper => ChatEntryKind.Whisper,
            OperatorCommand.HandBack => ChatEntryKind.HandBack,
            _ => ChatEntryKind.Close,
        };
        return await AnswerAsync(target, kind, message, entry => command switch
        {
            OperatorCommand.Takeover => entry with { Mode = Mode = ChatMode.Support, ActiveHuman = "agent@yourco.com" },
            OperatorCommand.HandBack => entry with { Mode = Mode = ChatMode.Ai },
            OperatorCommand.Tell => entry with { Reply = "Of course, let me pull that up for you." },
            OperatorCommand.Close => entry with { Status = ChatSessionStatus.Closed },
            _ => entry,
        }, ct);
    }

    public async Task<ServiceResult<ChatEntry>> InjectContextAsync(ChatTarget target, string context, CancellationToken ct)
    {
        Calls.Add($"context:{context}");
        await WaitAsync();
        return await AnswerAsync(target, ChatEntryKind.ContextInjected, context, entry => entry with { Context = [context] }, ct);
    }

    private async Task<ServiceResult<ChatEntry>> AnswerAsync(ChatTarget target, ChatEntryKind kind, string? text, Func<ChatEntry, ChatEntry> describe, CancellationToken ct)
    {
        var draft = Entry(target, kind, text);
        if (TakeFailure() is { } failure)
        {
            await history.RecordAsync(draft with
            {
                Outcome = failure.Kind == OsviErrorKind.Unreachable ? ChatEntryOutcome.Unknown : ChatEntryOutcome.Failed,
                Error = failure.Message,
                StatusCode = failure.StatusCode,
            }, ct);
            return ServiceResult<ChatEntry>.Failed(failure);
        }

        return ServiceResult<ChatEntry>.Success(await history.RecordAsync(describe(draft), ct));
    }

    private static ChatEntry Entry(ChatTarget target, ChatEntryKind kind, string? text) => new()
    {
        SessionId = target.SessionId,
        AgentUuid = target.AgentUuid,
        CustomerId = target.CustomerId,
        Kind = kind,
        Actor = "test-user",
        Text = text,
        Outcome = ChatEntryOutcome.Delivered,
    };

    private OsviError? TakeFailure()
    {
        var failure = NextFailure;
        NextFailure = null;
        return failure;
    }

    private Task WaitAsync() => Gate?.Task ?? Task.CompletedTask;
}
