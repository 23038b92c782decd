using System.Text.Json;
using Osvi.Client.Contracts;
using Osvi.Client.Serialization;
using Osvi.Simulator.Chat;
using Osvi.Simulator.World;

namespace Osvi.Client.Tests.Contract;

/// <summary>Chat v1 (§3.13–3.17, D13): create, inbound, both shapes of the active lookup, every support command and
/// inject context, real client against the simulator's state machine. Each test has its own customer.</summary>
public sealed class ChatContractTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private const string Operator = "agent@yourco.com";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SimulatedAgent ChatAgent => sim.Agent(channel: AgentChannel.Chat);

    private static string NewCustomer() => $"+1555{Random.Shared.Next(1_000_000, 9_999_999)}";

    private async Task<ChatSession> CreateAsync(string customer, IReadOnlyList<string>? context = null) =>
        (await sim.Primary.CreateChatSessionAsync(new CreateChatSessionRequest { AgentUuid = ChatAgent.Uuid, CustomerId = customer, Context = context }, Ct)).Data;

    private Task<OsviEnvelope<InboundMessageResult>> InboundAsync(string customer, string content, string? sessionId = null) =>
        sim.Primary.SendInboundMessageAsync(new InboundMessageRequest { AgentUuid = ChatAgent.Uuid, CustomerId = customer, Content = content, SessionId = sessionId }, Ct);

    private async Task<SupportCommandResult> SupportAsync(string sessionId, SupportCommand? command, string? message = null) =>
        (await sim.Primary.SendSupportCommandAsync(sessionId, new SupportCommandRequest { Command = command, Message = message }, Ct)).Data;

    private async Task<ChatSession> ActiveAsync(string customer)
    {
        using var response = await sim.Primary.GetActiveChatSessionAsync(customer, ChatAgent.Uuid, Ct);
        return OsviAssert.Succeeded(response).Data;
    }

    [Fact]
    public async Task CreateChatSessionAsync_NewCustomer_ReturnsTheWholeSessionAsSent()
    {
        var customer = NewCustomer();
        var now = sim.World.Clock.UtcNow;
        var request = new CreateChatSessionRequest
        {
            AgentUuid = ChatAgent.Uuid,
            CustomerId = customer,
            InputFields = new Dictionary<string, JsonElement> { ["plan"] = JsonSerializer.SerializeToElement("Pro"), ["orders"] = JsonSerializer.SerializeToElement(3) },
            Context = ["c1", "", "c2", "c3", "  ", "c4", "c5", "c6"],
        };

        var envelope = await sim.Primary.CreateChatSessionAsync(request, Ct);

        Assert.True(envelope.Success);
        var session = envelope.Data;
        var wire = sim.PrimaryWire.GetProperty("data");
        WireAssert.SameFields<ChatSession>(wire);
        WireAssert.SameFields<ChatSessionMetadata>(wire.GetProperty("metadata"));
        Assert.Equal(wire.GetProperty("id").GetString(), session.Id);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", session.Id);
        Assert.Equal((ChatAgent.Id, 7L, customer), (session.ChatAgentId, session.AccountId, session.CustomerId));
        Assert.Equal((ChatMode.Ai, false, ChatSessionStatus.Active, null, null), (session.Mode, session.HelpRequested, session.Status, session.CurrentState, session.ActiveHuman));
        // Only the newest 5 non-empty entries are kept (FIFO).
        Assert.Equal(["c2", "c3", "c4", "c5", "c6"], session.Metadata!.Context);
        Assert.Equal(["plan", "orders"], session.Metadata.InputFields!.Keys);
        Assert.Equal("Pro", session.Metadata.InputFields["plan"].GetString());
        Assert.Equal(3, session.Metadata.InputFields["orders"].GetInt32());
        Assert.Empty(session.Metadata.StateFields!);
        // Chat v1 timestamps are UTC with microseconds (D16).
        WireAssert.SameTimestamp(wire.GetProperty("created_at"), session.CreatedAt);
        WireAssert.SameTimestamp(wire.GetProperty("updated_at"), session.UpdatedAt);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", wire.GetProperty("created_at").GetString());
        Assert.Equal(TimeSpan.Zero, session.CreatedAt.Offset);
        Assert.InRange(session.CreatedAt, now.AddSeconds(-1), now.AddSeconds(1));
        Assert.Equal(session, await ActiveAsync(customer), ChatSessionComparer.Instance);
    }

    [Fact]
    public async Task CreateChatSessionAsync_SecondTime_ClosesThePreviousSession()
    {
        var customer = NewCustomer();
        var first = await CreateAsync(customer);

        var second = await CreateAsync(customer);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(second.Id, (await ActiveAsync(customer)).Id);
        await OsviAssert.FailsAsync(() => sim.Primary.SendSupportCommandAsync(first.Id, new SupportCommandRequest { Command = SupportCommand.Takeover }, Ct),
            OsviErrorKind.Validation, 400, "Session is closed");
    }

    public static TheoryData<string> UnusableAgents => new() { "inactive chat agent", "archived agent", "other account's agent", "unknown agent" };

    [Theory]
    [MemberData(nameof(UnusableAgents))]
    public async Task CreateAndInbound_AgentNotActiveOnThisAccount_Are404(string which)
    {
        var agent = which switch
        {
            "inactive chat agent" => sim.Agent(AgentState.Inactive, AgentChannel.Chat).Uuid,
            "archived agent" => sim.Agent(AgentState.Archived).Uuid,
            "other account's agent" => sim.Agent(channel: AgentChannel.Chat, account: 1).Uuid,
            _ => "agent_00000000000000000000000000",
        };

        await OsviAssert.FailsAsync(() => sim.Primary.CreateChatSessionAsync(new CreateChatSessionRequest { AgentUuid = agent, CustomerId = NewCustomer() }, Ct), OsviErrorKind.NotFound, 404, "Not found");
        await OsviAssert.FailsAsync(() => sim.Primary.SendInboundMessageAsync(new InboundMessageRequest { AgentUuid = agent, CustomerId = NewCustomer(), Content = "hi" }, Ct), OsviErrorKind.NotFound, 404, "Not found");
    }

    [Fact]
    public async Task CreateChatSessionAsync_NoCustomer_Is400ParamMissing()
    {
        await OsviAssert.FailsAsync(() => sim.Primary.CreateChatSessionAsync(new CreateChatSessionRequest { AgentUuid = ChatAgent.Uuid, CustomerId = "" }, Ct),
            OsviErrorKind.Validation, 400, "param is missing or the value is empty: customer_id");
    }

    [Fact]
    public async Task SendInboundMessageAsync_NoSessionYet_CreatesOneAndRepliesSynchronously()
    {
        var customer = NewCustomer();

        var envelope = await InboundAsync(customer, "Where is my order?");

        Assert.True(envelope.Success);
        WireAssert.SameFields<InboundMessageResult>(sim.PrimaryWire.GetProperty("data"));
        var result = envelope.Data;
        Assert.Equal((ChatReplies.OrderQuestionReply, "default", ChatMode.Ai, false), (result.Reply, result.State, result.Mode, result.HelpRequested));
        var session = await ActiveAsync(customer);
        Assert.Equal(result.SessionId, session.Id);

        var next = (await InboundAsync(customer, "It is 123456", result.SessionId)).Data;
        Assert.Equal(result.SessionId, next.SessionId);
        Assert.Equal("Thanks! Order 123456 is packed and will be delivered within 2 working days.", next.Reply);
    }

    [Fact]
    public async Task SendInboundMessageAsync_AskingForAPerson_SetsHelpRequested()
    {
        var customer = NewCustomer();

        var result = (await InboundAsync(customer, "Can I talk to a human please?")).Data;

        Assert.Equal((ChatReplies.HandOffReply, true), (result.Reply, result.HelpRequested));
        Assert.True((await ActiveAsync(customer)).HelpRequested);
    }

    [Fact]
    public async Task SendInboundMessageAsync_SessionOfAnotherCustomer_Is404()
    {
        var other = await CreateAsync(NewCustomer());

        await OsviAssert.FailsAsync(() => InboundAsync(NewCustomer(), "hello", other.Id), OsviErrorKind.NotFound, 404, "Not found");
    }

    [Fact]
    public async Task SupportCommands_WholeHandOver_TakeoverSilencesTheAgentUntilEndAndCloseIsFinal()
    {
        var customer = NewCustomer();
        var session = await CreateAsync(customer);

        var takeover = await SupportAsync(session.Id, SupportCommand.Takeover, "I will take this one");
        WireAssert.SameFields<SupportCommandResult>(sim.PrimaryWire.GetProperty("data"), "reply");
        Assert.Equal(new SupportCommandResult { State = "ok", SessionId = session.Id, Command = SupportCommand.Takeover, ActiveHuman = Operator }, takeover);
        var held = await ActiveAsync(customer);
        Assert.Equal((ChatMode.Support, Operator), (held.Mode, held.ActiveHuman));

        // In support mode the agent stays silent: reply is null (D13).
        var silent = (await InboundAsync(customer, "Hello? Where is my order?")).Data;
        Assert.Equal((null, ChatMode.Support), (silent.Reply, silent.Mode));
        Assert.Equal(JsonValueKind.Null, sim.PrimaryWire.GetProperty("data").GetProperty("reply").ValueKind);

        var plain = await SupportAsync(session.Id, null, "Hi, this is Priya from support.");
        Assert.Equal(new SupportCommandResult { State = "ok", SessionId = session.Id }, plain);
        Assert.Equal(JsonValueKind.Null, sim.PrimaryWire.GetProperty("data").GetProperty("command").ValueKind);

        var tell = await SupportAsync(session.Id, SupportCommand.Tell, "Look up order 123456 for them.");
        Assert.Equal(new SupportCommandResult { State = "ok", SessionId = session.Id, Command = SupportCommand.Tell, Reply = ChatReplies.TellReply }, tell);

        var whisper = await SupportAsync(session.Id, SupportCommand.Whisper, "Offer free shipping.");
        Assert.Equal(new SupportCommandResult { State = "ok", SessionId = session.Id, Command = SupportCommand.Whisper }, whisper);

        var end = await SupportAsync(session.Id, SupportCommand.End);
        Assert.Equal(new SupportCommandResult { State = "ok", SessionId = session.Id, Command = SupportCommand.End }, end);
        var released = await ActiveAsync(customer);
        Assert.Equal((ChatMode.Ai, null), (released.Mode, released.ActiveHuman));

        // Back in AI mode the agent answers again, using the whisper without showing it.
        var answered = (await InboundAsync(customer, "Thanks")).Data;
        Assert.Equal("You're welcome! Is there anything else I can help with?" + ChatReplies.WhisperAcknowledgement, answered.Reply);
        Assert.DoesNotContain("free shipping", answered.Reply, StringComparison.OrdinalIgnoreCase);

        var close = await SupportAsync(session.Id, SupportCommand.Close);
        Assert.Equal(new SupportCommandResult { State = "ok", SessionId = session.Id, Command = SupportCommand.Close }, close);
        using var gone = await sim.Primary.GetActiveChatSessionAsync(customer, ChatAgent.Uuid, Ct);
        OsviAssert.Failed(gone, OsviErrorKind.NotFound, 404, "Not found");
        await OsviAssert.FailsAsync(() => sim.Primary.SendSupportCommandAsync(session.Id, new SupportCommandRequest { Command = SupportCommand.Takeover }, Ct), OsviErrorKind.Validation, 400, "Session is closed");
        await OsviAssert.FailsAsync(() => InboundAsync(customer, "Hello again", session.Id), OsviErrorKind.Validation, 400, "Session is closed");
        await OsviAssert.FailsAsync(() => sim.Primary.InjectContextAsync(session.Id, new InjectContextRequest { Context = "late" }, Ct), OsviErrorKind.Validation, 400, "Session is closed");
    }

    [Fact]
    public async Task SendSupportCommandAsync_PlainMessageOutsideSupportMode_Is400()
    {
        var session = await CreateAsync(NewCustomer());

        var error = await OsviAssert.FailsAsync(() => sim.Primary.SendSupportCommandAsync(session.Id, new SupportCommandRequest { Message = "Hello from a human" }, Ct),
            OsviErrorKind.Validation, 400, "Session is not in support mode");

        Assert.Empty(error.FieldErrors);
    }

    [Fact]
    public async Task SendSupportCommandAsync_TellWithoutMessage_Is400ParamMissing()
    {
        var session = await CreateAsync(NewCustomer());

        await OsviAssert.FailsAsync(() => sim.Primary.SendSupportCommandAsync(session.Id, new SupportCommandRequest { Command = SupportCommand.Tell }, Ct),
            OsviErrorKind.Validation, 400, "param is missing or the value is empty: message");
    }

    [Fact]
    public async Task SendSupportCommandAsync_UnknownCommand_Is400NamingTheCommands()
    {
        var session = await CreateAsync(NewCustomer());

        var error = await OsviAssert.FailsAsync(() => sim.Primary.SendSupportCommandAsync(session.Id, new SupportCommandRequest { Command = SupportCommand.From("pause") }, Ct),
            OsviErrorKind.Validation, 400);

        OsviAssert.FieldErrors(error, ("command", "command must be one of takeover, tell, whisper, end, close"));
    }

    [Fact]
    public async Task SendSupportCommandAsync_UnknownOrOtherAccountsSession_Is404()
    {
        var session = await CreateAsync(NewCustomer());

        await OsviAssert.FailsAsync(() => sim.Secondary.SendSupportCommandAsync(session.Id, new SupportCommandRequest { Command = SupportCommand.Takeover }, Ct), OsviErrorKind.NotFound, 404, "Not found");
        await OsviAssert.FailsAsync(() => sim.Primary.SendSupportCommandAsync(Guid.NewGuid().ToString(), new SupportCommandRequest { Command = SupportCommand.Takeover }, Ct), OsviErrorKind.NotFound, 404, "Not found");
        Assert.Equal(ChatMode.Ai, (await ActiveAsync(session.CustomerId)).Mode);
    }

    [Fact]
    public async Task GetActiveChatSessionsAsync_WithoutAgent_MapsEachOfTheCustomersSessionsByAgent()
    {
        var customer = NewCustomer();
        var chat = await CreateAsync(customer);
        var voiceAgent = sim.Dialler().Uuid;
        var second = (await sim.Primary.CreateChatSessionAsync(new CreateChatSessionRequest { AgentUuid = voiceAgent, CustomerId = customer }, Ct)).Data;

        var map = await sim.Primary.GetActiveChatSessionsAsync(customer, Ct);
        var wire = (await sim.RawGetAsync($"/v1/chat/session/active?customer_id={Uri.EscapeDataString(customer)}")).GetProperty("data");

        Assert.True(map.Success);
        Assert.Equal(new[] { ChatAgent.Uuid, voiceAgent }.Order(), map.Data.Keys.Order());
        Assert.Equal(wire.EnumerateObject().Select(p => p.Name).Order(), map.Data.Keys.Order());
        Assert.Equal(chat, map.Data[ChatAgent.Uuid], ChatSessionComparer.Instance);
        Assert.Equal(second, map.Data[voiceAgent], ChatSessionComparer.Instance);
        Assert.All(wire.EnumerateObject(), p => WireAssert.SameFields<ChatSession>(p.Value));
    }

    [Fact]
    public async Task GetActiveChatSessionsAsync_CustomerWithoutSessions_IsAnEmptyMap()
    {
        var map = await sim.Primary.GetActiveChatSessionsAsync(NewCustomer(), Ct);

        Assert.True(map.Success);
        Assert.Empty(map.Data);
        Assert.Equal(JsonValueKind.Object, sim.PrimaryWire.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task GetActiveChatSessionAsync_NoSessionOrOtherAccount_Is404()
    {
        var customer = NewCustomer();
        using var none = await sim.Primary.GetActiveChatSessionAsync(customer, ChatAgent.Uuid, Ct);
        OsviAssert.Failed(none, OsviErrorKind.NotFound, 404, "Not found");

        await CreateAsync(customer);
        using var theirs = await sim.Secondary.GetActiveChatSessionAsync(customer, ChatAgent.Uuid, Ct);
        OsviAssert.Failed(theirs, OsviErrorKind.NotFound, 404, "Not found");
        Assert.Empty((await sim.Secondary.GetActiveChatSessionsAsync(customer, Ct)).Data);
    }

    [Fact]
    public async Task GetActiveChatSessionAsync_QuietFor30Minutes_IsDormantUntilTheCustomerWritesAgain()
    {
        var customer = NewCustomer();
        var session = await CreateAsync(customer);

        await sim.AdvanceAsync(TimeSpan.FromMinutes(31));
        var dormant = await ActiveAsync(customer);
        var resumed = (await InboundAsync(customer, "hello again")).Data;

        Assert.Equal((session.Id, ChatSessionStatus.Dormant), (dormant.Id, dormant.Status));
        Assert.True(dormant.Status.IsKnown);
        Assert.Equal(session.Id, resumed.SessionId);
        Assert.Equal(ChatSessionStatus.Active, (await ActiveAsync(customer)).Status);
    }

    [Fact]
    public async Task InjectContextAsync_BeyondFiveEntries_KeepsTheNewestFive()
    {
        var customer = NewCustomer();
        var session = await CreateAsync(customer, ["c1", "c2", "c3", "c4"]);

        var fifth = await sim.Primary.InjectContextAsync(session.Id, new InjectContextRequest { Context = "c5" }, Ct);
        WireAssert.SameFields<InjectContextResult>(sim.PrimaryWire.GetProperty("data"));
        var sixth = (await sim.Primary.InjectContextAsync(session.Id, new InjectContextRequest { Context = "Earlier voice call: wants a refund." }, Ct)).Data;

        Assert.True(fifth.Success);
        Assert.Equal(session.Id, fifth.Data.SessionId);
        Assert.Equal(["c1", "c2", "c3", "c4", "c5"], fifth.Data.Context);
        Assert.Equal(["c2", "c3", "c4", "c5", "Earlier voice call: wants a refund."], sixth.Context);
        Assert.Equal(sixth.Context, (await ActiveAsync(customer)).Metadata!.Context);
    }

    [Fact]
    public async Task InjectContextAsync_EmptyEntry_Is400ParamMissing()
    {
        var session = await CreateAsync(NewCustomer());

        await OsviAssert.FailsAsync(() => sim.Primary.InjectContextAsync(session.Id, new InjectContextRequest { Context = " " }, Ct),
            OsviErrorKind.Validation, 400, "param is missing or the value is empty: context");
    }

    [Fact]
    public async Task InjectContextAsync_UnknownOrOtherAccountsSession_Is404()
    {
        var session = await CreateAsync(NewCustomer());

        await OsviAssert.FailsAsync(() => sim.Secondary.InjectContextAsync(session.Id, new InjectContextRequest { Context = "x" }, Ct), OsviErrorKind.NotFound, 404, "Not found");
        await OsviAssert.FailsAsync(() => sim.Primary.InjectContextAsync("not-a-session", new InjectContextRequest { Context = "x" }, Ct), OsviErrorKind.NotFound, 404, "Not found");
    }

    /// <summary>Sessions compared on every field (their metadata holds lists and maps, which records compare by reference).</summary>
    private sealed class ChatSessionComparer : IEqualityComparer<ChatSession>
    {
        public static readonly ChatSessionComparer Instance = new();

        public bool Equals(ChatSession? x, ChatSession? y) =>
            JsonSerializer.Serialize(x, OsviJson.Options) == JsonSerializer.Serialize(y, OsviJson.Options);

        public int GetHashCode(ChatSession obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
