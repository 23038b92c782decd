using Microsoft.Extensions.DependencyInjection;
using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Chat;
using Osvi.Dashboard.Testing;
using Osvi.Simulator.Chat;

namespace Osvi.Dashboard.Tests.Chat;

/// <summary>The chat service on the real dashboard host against the simulator in memory, through the real OSVI client:
/// the whole console flow, each command counted once by the simulator, recorded in the history and audited.</summary>
public sealed class ChatFlowTests
{
    private const string Customer = "+919812340001";
    private const string Operator = "chat-operator";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConsoleFlow_AgainstTheSimulator_EachCommandSentOnceRecordedAndAudited()
    {
        await using var factory = new DashboardFactory();
        _ = factory.Services;
        var simulator = new ChatSimulator(factory);
        var agent = simulator.ActiveChatAgent;
        await simulator.ResetCountersAsync();
        await using var scope = factory.CreateScopeAs(DashboardRoles.Operator, Operator);
        var chat = scope.ServiceProvider.GetRequiredService<IChatService>();
        var history = scope.ServiceProvider.GetRequiredService<IChatHistory>();

        // Create with input fields and seven context entries: OSVI keeps the newest five non-empty ones.
        string[] context = ["c1", "c2", "", "c3", "c4", "c5", "c6", "c7"];
        Assert.Equal(
            [ContextEntryFate.Dropped, ContextEntryFate.Dropped, ContextEntryFate.IgnoredEmpty, .. Enumerable.Repeat(ContextEntryFate.Kept, 5)],
            NewChatSession.FateOf(context));
        var started = await chat.StartSessionAsync(new NewChatSession
        {
            AgentUuid = agent,
            CustomerId = Customer,
            InputFields = [new("plan", "gold"), new("city", "Pune")],
            Context = context,
        }, Ct);
        Assert.True(started.Succeeded, started.Error?.Message);
        var session = started.Value;
        Assert.Equal(["c3", "c4", "c5", "c6", "c7"], session.Context);
        Assert.Equal("gold", session.InputFields["plan"]);
        Assert.Equal(ChatMode.Ai, session.Mode);
        Assert.Equal(ChatSessionStatus.Active, session.Status);
        var target = new ChatTarget(agent, Customer, session.Id);

        var found = await chat.FindActiveSessionAsync(agent, Customer, Ct);
        Assert.Equal(session.Id, found.Value?.Id);
        var all = await chat.FindCustomerSessionsAsync(Customer, Ct);
        Assert.Equal(agent, Assert.Single(all.Value!).AgentUuid);

        // The customer asks about an order: the AI replies at once.
        var inbound = await chat.SendAsCustomerAsync(target, "Where is my order?", Ct);
        Assert.Equal(ChatReplies.OrderQuestionReply, inbound.Value?.Reply);
        Assert.Equal(ChatMode.Ai, inbound.Value?.Mode);

        // Asking for a person raises help_requested.
        var help = await chat.SendAsCustomerAsync(target, "Can I talk to a human please?", Ct);
        Assert.True(help.Value?.HelpRequested);

        // Plain operator message before takeover: OSVI refuses (D13).
        var early = await chat.SendOperatorCommandAsync(target, OperatorCommand.Message, "Hello from support", Ct);
        Assert.Equal(OsviErrorKind.Validation, early.Error?.Kind);
        Assert.Equal("Session is not in support mode", early.Error?.Message);

        // Takeover silences the AI: the customer's next message gets no reply.
        var takeover = await chat.SendOperatorCommandAsync(target, OperatorCommand.Takeover, null, Ct);
        Assert.Equal(ChatMode.Support, takeover.Value?.Mode);
        Assert.False(string.IsNullOrEmpty(takeover.Value?.ActiveHuman));
        var silent = await chat.SendAsCustomerAsync(target, "Hello? Anyone there?", Ct);
        Assert.True(silent.Succeeded);
        Assert.Null(silent.Value.Reply);
        Assert.Equal(ChatMode.Support, silent.Value.Mode);
        var plain = await chat.SendOperatorCommandAsync(target, OperatorCommand.Message, "Hi, this is Priya from support.", Ct);
        Assert.True(plain.Succeeded, plain.Error?.Message);

        // Tell fires an agent turn and returns its reply; a whisper stays private.
        var tell = await chat.SendOperatorCommandAsync(target, OperatorCommand.Tell, "Look up order 55512 for the customer", Ct);
        Assert.Equal(ChatReplies.TellReply, tell.Value?.Reply);
        var whisper = await chat.SendOperatorCommandAsync(target, OperatorCommand.Whisper, "Offer a 10% voucher, do not mention it is internal", Ct);
        Assert.True(whisper.Succeeded, whisper.Error?.Message);

        // Hand back: the AI replies again, and its reply shows it used the whisper without revealing it.
        var handBack = await chat.SendOperatorCommandAsync(target, OperatorCommand.HandBack, null, Ct);
        Assert.Equal(ChatMode.Ai, handBack.Value?.Mode);
        var after = await chat.SendAsCustomerAsync(target, "Thanks!", Ct);
        Assert.EndsWith(ChatReplies.WhisperAcknowledgement, after.Value?.Reply, StringComparison.Ordinal);
        Assert.DoesNotContain("voucher", after.Value?.Reply, StringComparison.OrdinalIgnoreCase);

        var injected = await chat.InjectContextAsync(target, "Earlier voice call: wants a refund", Ct);
        Assert.Equal(["c4", "c5", "c6", "c7", "Earlier voice call: wants a refund"], injected.Value?.Context);

        var close = await chat.SendOperatorCommandAsync(target, OperatorCommand.Close, null, Ct);
        Assert.Equal(ChatSessionStatus.Closed, close.Value?.Status);
        Assert.Null((await chat.FindActiveSessionAsync(agent, Customer, Ct)).Value);

        // After close every command is refused with OSVI's own message (D13).
        foreach (var refused in new[]
        {
            await chat.SendAsCustomerAsync(target, "Are you still there?", Ct),
            await chat.SendOperatorCommandAsync(target, OperatorCommand.Takeover, null, Ct),
            await chat.InjectContextAsync(target, "too late", Ct),
        })
        {
            Assert.Equal(OsviErrorKind.Validation, refused.Error?.Kind);
            Assert.Equal(400, refused.Error?.StatusCode);
            Assert.Equal("Session is closed", refused.Error?.Message);
        }

        // Unknown and inactive agents: 404 on create and on inbound.
        var unknown = await chat.StartSessionAsync(new NewChatSession { AgentUuid = "agent_doesNotExist00000000000000", CustomerId = Customer }, Ct);
        Assert.Equal(OsviErrorKind.NotFound, unknown.Error?.Kind);
        var inactive = await chat.SendAsCustomerAsync(new ChatTarget(simulator.InactiveChatAgent, Customer, null), "hi", Ct);
        Assert.Equal(OsviErrorKind.NotFound, inactive.Error?.Kind);

        // What the customer would see never contains the whisper; the simulator kept it as private guidance.
        var messages = await simulator.MessagesAsync(session.Id);
        var customerVisible = messages.Where(m => m.Role is "customer" or "agent" or "operator").Select(m => m.Content).ToList();
        Assert.DoesNotContain(customerVisible, text => text.Contains("voucher", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Role == "whisper" && m.Content.Contains("voucher", StringComparison.Ordinal));
        Assert.Contains("Hi, this is Priya from support.", customerVisible);

        // Each command reached OSVI exactly once: nothing was retried, not even the refused ones.
        Assert.Equal(2, await simulator.CountAsync("POST", ChatSimulator.SessionRoute));   // start + unknown agent
        Assert.Equal(6, await simulator.CountAsync("POST", ChatSimulator.InboundRoute));   // 4 delivered + closed + inactive agent
        Assert.Equal(8, await simulator.CountAsync("POST", ChatSimulator.SupportRoute));   // early message, takeover, message, tell, whisper, end, close, closed takeover
        Assert.Equal(2, await simulator.CountAsync("POST", ChatSimulator.InjectRoute));

        // The history holds every command of the session, in order, with OSVI's answers.
        var transcript = await history.GetSessionAsync(session.Id, 100, Ct);
        Assert.Equal(
        [
            ChatEntryKind.SessionStarted, ChatEntryKind.CustomerMessage, ChatEntryKind.CustomerMessage, ChatEntryKind.OperatorMessage,
            ChatEntryKind.Takeover, ChatEntryKind.CustomerMessage, ChatEntryKind.OperatorMessage, ChatEntryKind.Tell, ChatEntryKind.Whisper,
            ChatEntryKind.HandBack, ChatEntryKind.CustomerMessage, ChatEntryKind.ContextInjected, ChatEntryKind.Close,
            ChatEntryKind.CustomerMessage, ChatEntryKind.Takeover, ChatEntryKind.ContextInjected,
        ], transcript.Entries.Select(e => e.Kind));
        Assert.Equal(16, transcript.TotalCount);
        Assert.Equal(Operator, transcript.Entries[0].Actor);
        Assert.Equal(["c3", "c4", "c5", "c6", "c7"], transcript.Entries[0].Context);
        Assert.Equal(ChatReplies.OrderQuestionReply, transcript.Entries[1].Reply);
        Assert.Equal((ChatEntryOutcome.Failed, 400, "Session is not in support mode"), (transcript.Entries[3].Outcome, transcript.Entries[3].StatusCode, transcript.Entries[3].Error));
        Assert.Null(transcript.Entries[5].Reply);
        Assert.Equal(ChatReplies.TellReply, transcript.Entries[7].Reply);
        Assert.All(transcript.Entries.Skip(13), e => Assert.Equal((ChatEntryOutcome.Failed, "Session is closed"), (e.Outcome, e.Error)));
        Assert.True(transcript.Entries.Zip(transcript.Entries.Skip(1)).All(pair => pair.First.Id < pair.Second.Id));

        // Every command was audited (chat category), whatever OSVI answered.
        var audit = await factory.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Category = AuditCategories.Chat, Take = 100 }, Ct);
        Assert.Equal(2 + 6 + 8 + 2, audit.TotalCount);
        Assert.Contains(audit.Items, e => e.Action == "chat.whisper" && e.Result == AuditResult.Succeeded && e.Target == session.Id);
        Assert.Contains(audit.Items, e => e.Action == "chat.close" && e.Result == AuditResult.Succeeded);
        var failed = audit.Items.Where(e => e.Result == AuditResult.Failed).ToList();
        Assert.Equal(6, failed.Count);
        Assert.Equal(3, failed.Count(e => e.Message == "Session is closed" && e.StatusCode == 400));
        Assert.Equal(2, failed.Count(e => e.ErrorKind == nameof(OsviErrorKind.NotFound) && e.StatusCode == 404));
        Assert.Single(failed, e => e.Message == "Session is not in support mode" && e.Action == "chat.operator-message");
        Assert.All(audit.Items.Where(e => e.Target == session.Id), e => Assert.Equal("+919812340001", e.Phone));
    }

    [Fact]
    public async Task StartSession_ReplacingAnOpenSession_OsviClosesItAndTheHistoryNotesIt()
    {
        await using var factory = new DashboardFactory();
        _ = factory.Services;
        var agent = new ChatSimulator(factory).ActiveChatAgent;
        await using var scope = factory.CreateScopeAs(DashboardRoles.Operator, Operator);
        var chat = scope.ServiceProvider.GetRequiredService<IChatService>();
        var first = await chat.SendAsCustomerAsync(new ChatTarget(agent, Customer, null), "Hello", Ct);
        Assert.Equal("Hello! How can I help you today?", first.Value?.Reply);
        var firstSession = first.Value!.SessionId!;

        var second = await chat.StartSessionAsync(new NewChatSession { AgentUuid = agent, CustomerId = Customer, ReplacesSessionId = firstSession }, Ct);

        Assert.NotEqual(firstSession, second.Value?.Id);
        Assert.Equal(second.Value?.Id, (await chat.FindActiveSessionAsync(agent, Customer, Ct)).Value?.Id);
        var old = await scope.ServiceProvider.GetRequiredService<IChatHistory>().GetSessionAsync(firstSession, 10, Ct);
        Assert.Equal([ChatEntryKind.CustomerMessage, ChatEntryKind.ReplacedByNewSession], old.Entries.Select(e => e.Kind));
        Assert.Equal(ChatSessionStatus.Closed, old.Entries[1].Status);
        Assert.Equal(second.Value?.Id, old.Entries[1].Text);
    }

    [Fact]
    public async Task Commands_Viewer_RefusedBeforeOsviAuditedAndNotRecorded()
    {
        await using var factory = new DashboardFactory();
        _ = factory.Services;
        var simulator = new ChatSimulator(factory);
        var agent = simulator.ActiveChatAgent;
        await using var scope = factory.CreateScopeAs(DashboardRoles.Viewer);
        var chat = scope.ServiceProvider.GetRequiredService<IChatService>();
        var target = new ChatTarget(agent, Customer, "4718a326-417b-4dda-90d0-21fd65a11cb8");

        var results = new[]
        {
            (await chat.StartSessionAsync(new NewChatSession { AgentUuid = agent, CustomerId = Customer }, Ct)).Refusal,
            (await chat.SendAsCustomerAsync(target, "hi", Ct)).Refusal,
            (await chat.SendOperatorCommandAsync(target, OperatorCommand.Takeover, null, Ct)).Refusal,
            (await chat.InjectContextAsync(target, "x", Ct)).Refusal,
        };

        Assert.All(results, refusal => Assert.Equal(DashboardPermission.OperateChat, refusal?.Permission));
        Assert.Equal(0, await simulator.CountAsync("POST", ChatSimulator.SessionRoute) + await simulator.CountAsync("POST", ChatSimulator.InboundRoute)
            + await simulator.CountAsync("POST", ChatSimulator.SupportRoute) + await simulator.CountAsync("POST", ChatSimulator.InjectRoute));
        var audit = await factory.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Category = AuditCategories.Chat }, Ct);
        Assert.Equal(4, audit.TotalCount);
        Assert.All(audit.Items, e => Assert.Equal(AuditResult.Refused, e.Result));
        Assert.Empty((await scope.ServiceProvider.GetRequiredService<IChatHistory>().GetRecentAsync(10, Ct)));
        // Reading stays open to viewers.
        Assert.True((await chat.FindActiveSessionAsync(agent, Customer, Ct)).Succeeded);
        Assert.Contains(factory.Logs.Messages(Serilog.Events.LogEventLevel.Warning), m => m.Contains("Refused \"chat.takeover\"", StringComparison.Ordinal) || m.Contains("Refused chat.takeover", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OperatorCommand_OsviNeverAnswers_SentOnceAndRecordedAsOutcomeUnknown()
    {
        // Long enough for a cold host's first request on a busy machine; the hung command costs this once.
        await using var factory = new DashboardFactory()
            .WithSetting(OsviApiOptions.AttemptTimeoutKey, "00:00:05")
            .WithSetting(OsviApiOptions.TotalTimeoutKey, "00:00:10");
        _ = factory.Services;
        var simulator = new ChatSimulator(factory);
        var agent = simulator.ActiveChatAgent;
        await using var scope = factory.CreateScopeAs(DashboardRoles.Operator, Operator);
        var chat = scope.ServiceProvider.GetRequiredService<IChatService>();
        var started = await chat.StartSessionAsync(new NewChatSession { AgentUuid = agent, CustomerId = Customer }, Ct);
        Assert.True(started.Succeeded, started.Error?.Message);
        var session = started.Value;
        await simulator.AddFaultAsync(new { kind = "timeout", method = "POST", route = ChatSimulator.SupportRoute });

        var result = await chat.SendOperatorCommandAsync(new ChatTarget(agent, Customer, session.Id), OperatorCommand.Takeover, null, Ct);

        Assert.Equal(OsviErrorKind.Unreachable, result.Error?.Kind);
        Assert.Equal(1, await simulator.CountAsync("POST", ChatSimulator.SupportRoute));
        var entry = (await scope.ServiceProvider.GetRequiredService<IChatHistory>().GetSessionAsync(session.Id, 10, Ct)).Entries[^1];
        Assert.Equal((ChatEntryKind.Takeover, ChatEntryOutcome.Unknown), (entry.Kind, entry.Outcome));
        Assert.Null(entry.StatusCode);
    }

    [Fact]
    public async Task History_AnotherScreenWatchesTheSession_ReceivesEachNewEntryOnce()
    {
        await using var factory = new DashboardFactory();
        _ = factory.Services;
        var agent = new ChatSimulator(factory).ActiveChatAgent;
        await using var scope = factory.CreateScopeAs(DashboardRoles.Operator, Operator);
        var chat = scope.ServiceProvider.GetRequiredService<IChatService>();
        var history = factory.Services.GetRequiredService<IChatHistory>();
        var session = (await chat.StartSessionAsync(new NewChatSession { AgentUuid = agent, CustomerId = Customer }, Ct)).Value!;
        var seen = new List<ChatEntry>();
        var other = new List<ChatEntry>();
        using (history.Watch(session.Id, entry => { lock (seen) { seen.Add(entry); } return Task.CompletedTask; }))
        using (history.Watch("00000000-0000-4000-8000-000000000000", entry => { lock (other) { other.Add(entry); } return Task.CompletedTask; }))
        {
            await chat.SendAsCustomerAsync(new ChatTarget(agent, Customer, session.Id), "Where is my order?", Ct);
            await chat.SendOperatorCommandAsync(new ChatTarget(agent, Customer, session.Id), OperatorCommand.Whisper, "be kind", Ct);
            await Support.Eventually.TrueAsync(() => { lock (seen) { return seen.Count == 2; } }, "both entries announced");
        }

        await chat.SendOperatorCommandAsync(new ChatTarget(agent, Customer, session.Id), OperatorCommand.Close, null, Ct);
        await Task.Delay(100, Ct);
        Assert.Equal([ChatEntryKind.CustomerMessage, ChatEntryKind.Whisper], seen.Select(e => e.Kind));
        Assert.Equal(ChatReplies.OrderQuestionReply, seen[0].Reply);
        Assert.True(seen[0].Id > 0);
        Assert.Empty(other);
        var recent = Assert.Single(await history.GetRecentAsync(10, Ct));
        Assert.Equal((session.Id, agent, Customer, 4, ChatEntryKind.Close, true), (recent.SessionId, recent.AgentUuid, recent.CustomerId, recent.Entries, recent.LastKind, recent.Closed));
        Assert.Equal([agent], await history.GetSeenAgentsAsync(10, Ct));
    }
}
