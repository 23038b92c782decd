using System.Net;
using System.Text.Json;
using Osvi.Simulator.Chat;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Tests;

public sealed class ChatTests
{
    private const string Customer = "+15551112222";

    private static string ChatAgent(SimHost host) => host.Agent(channel: AgentChannel.Chat).Uuid;

    private static async Task<string> CreateAsync(SimHost host, HttpClient client, object? context = null)
    {
        var (status, body) = await client.PostJsonAsync("/v1/chat/session", new { agent_uuid = ChatAgent(host), customer_id = Customer, context });
        Assert.Equal(HttpStatusCode.OK, status);
        return body.Data().Str("id");
    }

    private static Task<(HttpStatusCode Status, JsonElement Body)> InboundAsync(SimHost host, HttpClient client, string content, string? sessionId = null) =>
        client.PostJsonAsync("/v1/chat/inbound", new { agent_uuid = ChatAgent(host), customer_id = Customer, content, session_id = sessionId });

    private static Task<(HttpStatusCode Status, JsonElement Body)> SupportAsync(HttpClient client, string id, string? command, string? message = null) =>
        client.PostJsonAsync($"/v1/chat/session/{id}/support", new { command, message });

    [Fact]
    public async Task Create_Session_ReturnsTheFullSessionInAiModeWithTheNewestFiveContextEntries()
    {
        await using var host = new SimHost();
        using var client = host.Api();

        var (status, body) = await client.PostJsonAsync("/v1/chat/session", new
        {
            agent_uuid = ChatAgent(host),
            customer_id = Customer,
            input_fields = new { plan = "Pro" },
            context = new[] { "one", "", "two", "three", "four", "five", "six" },
        });

        Assert.Equal(HttpStatusCode.OK, status);
        var session = body.Data();
        Assert.Equal(["id", "chat_agent_id", "account_id", "customer_id", "mode", "help_requested", "status", "current_state", "metadata", "active_human", "created_at", "updated_at"],
            session.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ai", session.Str("mode"));
        Assert.Equal("active", session.Str("status"));
        Assert.False(session.GetProperty("help_requested").GetBoolean());
        Assert.Equal(JsonValueKind.Null, session.GetProperty("active_human").ValueKind);
        Assert.Equal(["two", "three", "four", "five", "six"], session.GetProperty("metadata").GetProperty("context").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Pro", session.GetProperty("metadata").GetProperty("input_fields").Str("plan"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", session.Str("created_at"));
        Assert.Equal(host.World.GetAccounts()[0].Id, session.GetProperty("account_id").GetInt64());
    }

    [Fact]
    public async Task Create_Again_ClosesThePreviousSession()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var first = await CreateAsync(host, client);

        var second = await CreateAsync(host, client);
        var (status, body) = await SupportAsync(client, first, "takeover");
        var (_, active) = await client.GetJsonAsync($"/v1/chat/session/active?customer_id=%2B15551112222&agent_uuid={ChatAgent(host)}");

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        body.AssertD1("Session is closed");
        Assert.Equal(second, active.Data().Str("id"));
    }

    [Fact]
    public async Task Create_InactiveOrForeignAgent_Returns404()
    {
        await using var host = new SimHost();
        using var client = host.Api();

        var (inactive, _) = await client.PostJsonAsync("/v1/chat/session", new { agent_uuid = host.Agent(AgentState.Inactive, AgentChannel.Chat).Uuid, customer_id = Customer });
        var (foreign, _) = await client.PostJsonAsync("/v1/chat/session", new { agent_uuid = host.Agent(channel: AgentChannel.Chat, account: 1).Uuid, customer_id = Customer });
        var (inbound, _) = await client.PostJsonAsync("/v1/chat/inbound", new { agent_uuid = host.Agent(AgentState.Inactive, AgentChannel.Chat).Uuid, customer_id = Customer, content = "hi" });

        Assert.Equal(HttpStatusCode.NotFound, inactive);
        Assert.Equal(HttpStatusCode.NotFound, foreign);
        Assert.Equal(HttpStatusCode.NotFound, inbound);
    }

    [Fact]
    public async Task Inbound_WithoutASession_CreatesOneAndRepliesDeterministically()
    {
        await using var host = new SimHost();
        using var client = host.Api();

        var (status, body) = await InboundAsync(host, client, "Where is my order?");
        var (_, again) = await InboundAsync(host, client, "It is 4471902");

        Assert.Equal(HttpStatusCode.OK, status);
        var data = body.Data();
        Assert.Equal(ChatReplies.OrderQuestionReply, data.Str("reply"));
        Assert.Equal("default", data.Str("state"));
        Assert.Equal("ai", data.Str("mode"));
        Assert.Equal(data.Str("session_id"), again.Data().Str("session_id"));
        Assert.Contains("4471902", again.Data().Str("reply"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inbound_AskingForAHuman_SetsHelpRequested()
    {
        await using var host = new SimHost();
        using var client = host.Api();

        var (_, body) = await InboundAsync(host, client, "Can I talk to a human please?");

        Assert.True(body.Data().GetProperty("help_requested").GetBoolean());
        Assert.Equal(ChatReplies.HandOffReply, body.Data().Str("reply"));
    }

    [Fact]
    public async Task Takeover_SilencesAiRepliesUntilEnd()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var id = await CreateAsync(host, client);

        var (takeoverStatus, takeover) = await SupportAsync(client, id, "takeover");
        var (_, silenced) = await InboundAsync(host, client, "Hello?", id);
        var (plainStatus, plain) = await SupportAsync(client, id, null, "Hi, this is Meera from support.");
        var (_, stillSilent) = await InboundAsync(host, client, "thanks");
        var (_, ended) = await SupportAsync(client, id, "end");
        var (_, replied) = await InboundAsync(host, client, "Hello again", id);

        Assert.Equal(HttpStatusCode.OK, takeoverStatus);
        Assert.Equal("ok", takeover.Data().Str("state"));
        Assert.Equal("takeover", takeover.Data().Str("command"));
        Assert.Equal("agent@yourco.com", takeover.Data().Str("active_human"));
        Assert.Equal("support", silenced.Data().Str("mode"));
        Assert.Equal(JsonValueKind.Null, silenced.Data().GetProperty("reply").ValueKind);
        Assert.Equal(HttpStatusCode.OK, plainStatus);
        Assert.Equal(JsonValueKind.Null, plain.Data().GetProperty("command").ValueKind);
        Assert.Equal(JsonValueKind.Null, stillSilent.Data().GetProperty("reply").ValueKind);
        Assert.Equal("end", ended.Data().Str("command"));
        Assert.Equal("ai", replied.Data().Str("mode"));
        Assert.Equal("Hello! How can I help you today?", replied.Data().Str("reply"));
        var messages = host.Services.GetService(typeof(ChatEngine)) is ChatEngine chat ? chat.GetMessages(id)! : [];
        Assert.Contains(messages, m => m.Role == "operator" && m.Content == "Hi, this is Meera from support.");
    }

    [Fact]
    public async Task PlainOperatorMessage_OutsideSupportMode_Returns400()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var id = await CreateAsync(host, client);

        var (status, body) = await SupportAsync(client, id, null, "hello");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        body.AssertD1("Session is not in support mode");
    }

    [Fact]
    public async Task Tell_ReturnsTheAgentsReplyAndWhisperStaysPrivate()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var id = await CreateAsync(host, client);

        var (_, tell) = await SupportAsync(client, id, "tell", "Offer a refund");
        var (_, whisper) = await SupportAsync(client, id, "whisper", "Customer is a VIP");
        var (_, next) = await InboundAsync(host, client, "thank you", id);
        var (missingStatus, missing) = await SupportAsync(client, id, "tell");
        var (unknownStatus, _) = await SupportAsync(client, id, "dance");
        using var admin = host.Admin();
        var (_, log) = await admin.GetJsonAsync($"/_simulator/chat/sessions/{id}/messages");

        Assert.Equal(ChatReplies.TellReply, tell.Data().Str("reply"));
        Assert.False(whisper.Data().TryGetProperty("reply", out _));
        Assert.DoesNotContain("VIP", next.Data().Str("reply"), StringComparison.Ordinal);
        Assert.EndsWith(ChatReplies.WhisperAcknowledgement, next.Data().Str("reply"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missingStatus);
        missing.AssertD1("param is missing or the value is empty: message");
        Assert.Equal(HttpStatusCode.BadRequest, unknownStatus);
        Assert.Contains(log.EnumerateArray(), m => m.Str("role") == "whisper" && m.Str("content") == "Customer is a VIP");
    }

    [Fact]
    public async Task Close_IsTerminalForCommandsInboundAndContext()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var id = await CreateAsync(host, client);

        var (closeStatus, close) = await SupportAsync(client, id, "close");
        var (commandStatus, command) = await SupportAsync(client, id, "end");
        var (inboundStatus, inbound) = await InboundAsync(host, client, "hello?", id);
        var (contextStatus, _) = await client.PostJsonAsync($"/v1/chat/session/{id}/inject_context", new { context = "x" });
        var (lookup, _) = await client.GetJsonAsync($"/v1/chat/session/active?customer_id={Uri.EscapeDataString(Customer)}&agent_uuid={ChatAgent(host)}");
        var (_, fresh) = await InboundAsync(host, client, "hello?");

        Assert.Equal(HttpStatusCode.OK, closeStatus);
        Assert.Equal("close", close.Data().Str("command"));
        Assert.Equal(HttpStatusCode.BadRequest, commandStatus);
        command.AssertD1("Session is closed");
        Assert.Equal(HttpStatusCode.BadRequest, inboundStatus);
        inbound.AssertD1("Session is closed");
        Assert.Equal(HttpStatusCode.BadRequest, contextStatus);
        Assert.Equal(HttpStatusCode.NotFound, lookup);
        Assert.NotEqual(id, fresh.Data().Str("session_id"));
    }

    [Fact]
    public async Task InjectContext_AppendsAndKeepsTheNewestFive()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var id = await CreateAsync(host, client, new[] { "a", "b", "c", "d" });

        var (_, first) = await client.PostJsonAsync($"/v1/chat/session/{id}/inject_context", new { context = "e" });
        var (_, second) = await client.PostJsonAsync($"/v1/chat/session/{id}/inject_context", new { context = "Earlier voice call: wants a refund." });
        var (missing, body) = await client.PostJsonAsync($"/v1/chat/session/{id}/inject_context", new { context = "" });
        var (unknown, _) = await client.PostJsonAsync("/v1/chat/session/00000000-0000-4000-8000-000000000000/inject_context", new { context = "x" });

        Assert.Equal(["a", "b", "c", "d", "e"], first.Data().GetProperty("context").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(id, second.Data().Str("session_id"));
        Assert.Equal(["b", "c", "d", "e", "Earlier voice call: wants a refund."], second.Data().GetProperty("context").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        body.AssertD1("param is missing or the value is empty: context");
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    [Fact]
    public async Task ActiveLookup_ReturnsOneSessionWithAgentOrAMapKeyedByAgent()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var (noneStatus, _) = await client.GetJsonAsync($"/v1/chat/session/active?customer_id=%2B15551112222&agent_uuid={ChatAgent(host)}");
        var (_, empty) = await client.GetJsonAsync("/v1/chat/session/active?customer_id=%2B15551112222");
        var id = await CreateAsync(host, client);

        var (_, single) = await client.GetJsonAsync($"/v1/chat/session/active?customer_id=%2B15551112222&agent_uuid={ChatAgent(host)}");
        var (_, map) = await client.GetJsonAsync("/v1/chat/session/active?customer_id=%2B15551112222");
        var (missing, body) = await client.GetJsonAsync("/v1/chat/session/active");

        Assert.Equal(HttpStatusCode.NotFound, noneStatus);
        Assert.Empty(empty.Data().EnumerateObject());
        Assert.Equal(id, single.Data().Str("id"));
        var entry = Assert.Single(map.Data().EnumerateObject());
        Assert.Equal(ChatAgent(host), entry.Name);
        Assert.Equal(id, entry.Value.Str("id"));
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        body.AssertD1("param is missing or the value is empty: customer_id");
    }

    [Fact]
    public async Task QuietSession_BecomesDormantAndAnInboundMessageResumesIt()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var id = await CreateAsync(host, client);

        host.Advance(TimeSpan.FromMinutes(31));
        var (_, dormant) = await client.GetJsonAsync($"/v1/chat/session/active?customer_id=%2B15551112222&agent_uuid={ChatAgent(host)}");
        var (_, resumed) = await InboundAsync(host, client, "hi again");
        var (_, active) = await client.GetJsonAsync($"/v1/chat/session/active?customer_id=%2B15551112222&agent_uuid={ChatAgent(host)}");

        Assert.Equal("dormant", dormant.Data().Str("status"));
        Assert.Equal(id, resumed.Data().Str("session_id"));
        Assert.Equal("active", active.Data().Str("status"));
    }

    [Fact]
    public async Task Chat_SessionOfAnotherAccount_IsNotFound()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        using var other = host.Api(SimulatorDefaults.SecondaryToken);
        var id = await CreateAsync(host, client);

        var (status, _) = await SupportAsync(other, id, "takeover");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Inbound_WithASessionIdOfAnotherCustomerOrAnUnknownOne_Returns404()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var id = await CreateAsync(host, client);

        var (other, _) = await client.PostJsonAsync("/v1/chat/inbound", new { agent_uuid = ChatAgent(host), customer_id = "+15550000000", content = "hi", session_id = id });
        var (unknown, _) = await InboundAsync(host, client, "hi", "00000000-0000-4000-8000-000000000000");
        var (missing, body) = await client.PostJsonAsync("/v1/chat/inbound", new { agent_uuid = ChatAgent(host), customer_id = Customer });

        Assert.Equal(HttpStatusCode.NotFound, other);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        body.AssertD1("param is missing or the value is empty: content");
    }
}
