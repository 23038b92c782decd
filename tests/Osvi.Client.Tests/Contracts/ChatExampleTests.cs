using System.Text.Json;
using Osvi.Client.Contracts;
using Osvi.Client.Serialization;
using static Osvi.Client.Tests.Infrastructure.Fixtures;

namespace Osvi.Client.Tests.Contracts;

/// <summary>The contract's examples for chat v1 (§3.13–3.17).</summary>
public sealed class ChatExampleTests
{
    [Fact]
    public void ChatSession_TableExample_ReadsEveryFieldWithUtcMicroseconds()
    {
        var session = Deserialize<OsviEnvelope<ChatSession>>("chat_session_response.json").Data;

        Assert.Equal("4718a326-417b-4dda-90d0-21fd65a11cb8", session.Id);
        Assert.Equal(42, session.ChatAgentId);
        Assert.Equal(7, session.AccountId);
        Assert.Equal("+15551112222", session.CustomerId);
        Assert.Equal(ChatMode.Ai, session.Mode);
        Assert.False(session.HelpRequested);
        Assert.Equal(ChatSessionStatus.Active, session.Status);
        Assert.Null(session.CurrentState);
        Assert.Null(session.ActiveHuman);
        Assert.Equal("Pro", session.Metadata!.InputFields!["plan"].GetString());
        Assert.Empty(session.Metadata.StateFields!);
        Assert.Equal(["Initial context for this chat"], session.Metadata.Context!);
        var expected = new DateTimeOffset(2026, 6, 4, 11, 40, 25, TimeSpan.Zero).AddTicks(6_904_860);
        Assert.Equal(expected, session.CreatedAt);
        Assert.Equal(TimeSpan.Zero, session.CreatedAt.Offset);
        Assert.Equal(expected, session.UpdatedAt);
    }

    [Fact]
    public void ChatSession_NaiveTimestamps_AreReadAsUtc()
    {
        var session = Deserialize<OsviEnvelope<ChatSession>>("chat_session_naive_timestamps.json").Data;

        Assert.Equal(new DateTimeOffset(2025, 12, 31, 11, 40, 25, TimeSpan.Zero).AddTicks(6_904_860), session.CreatedAt);
        Assert.Equal(TimeSpan.Zero, session.CreatedAt.Offset);
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 11, 45, 0, TimeSpan.Zero), session.UpdatedAt);
        Assert.Equal(ChatMode.Support, session.Mode);
        Assert.Equal(ChatSessionStatus.Dormant, session.Status);
        Assert.Equal("agent@yourco.com", session.ActiveHuman);
        Assert.Equal("collect_order", session.CurrentState);
    }

    [Fact]
    public void Inbound_DocumentedExample_ReadsReplyAndMode()
    {
        var result = Deserialize<OsviEnvelope<InboundMessageResult>>("chat_inbound_response.json").Data;

        Assert.Equal("4718a326-...", result.SessionId);
        Assert.Equal("Sure — I can help with that. What's your order number?", result.Reply);
        Assert.Equal("default", result.State);
        Assert.Equal(ChatMode.Ai, result.Mode);
        Assert.False(result.HelpRequested);
    }

    [Fact]
    public void Inbound_SupportModeNullReply_ReadsAsNull()
    {
        var result = JsonSerializer.Deserialize<OsviEnvelope<InboundMessageResult>>(
            """{"success":true,"data":{"session_id":"s1","reply":null,"state":"default","mode":"support","help_requested":true}}""",
            OsviJson.Options)!.Data;

        Assert.Null(result.Reply);
        Assert.Equal(ChatMode.Support, result.Mode);
        Assert.True(result.HelpRequested);
    }

    [Fact]
    public void ActiveSessions_MapKeyedByAgent_ReadsEverySession()
    {
        var sessions = Deserialize<OsviEnvelope<IReadOnlyDictionary<string, ChatSession>>>("chat_active_sessions_map.json").Data;

        Assert.Equal(["agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", "agent_x9KpL2Mn_41Tg83YWQNca-B_pe"], sessions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("4718a326-417b-4dda-90d0-21fd65a11cb8", sessions["agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og"].Id);
        Assert.Equal(ChatMode.Support, sessions["agent_x9KpL2Mn_41Tg83YWQNca-B_pe"].Mode);
        Assert.Equal("agent@yourco.com", sessions["agent_x9KpL2Mn_41Tg83YWQNca-B_pe"].ActiveHuman);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("null")]
    public void ActiveSessions_NoSessions_ReadAsAnEmptyMap(string data)
    {
        var sessions = JsonSerializer.Deserialize<OsviEnvelope<IReadOnlyDictionary<string, ChatSession>>>(
            $$"""{"success":true,"data":{{data}}}""", OsviJson.Options)!.Data;

        Assert.NotNull(sessions);
        Assert.Empty(sessions);
    }

    [Fact]
    public void Support_DocumentedExample_ReadsEveryField()
    {
        var result = Deserialize<OsviEnvelope<SupportCommandResult>>("chat_support_response.json").Data;

        Assert.Equal("ok", result.State);
        Assert.Equal("4718a326-...", result.SessionId);
        Assert.Equal(SupportCommand.Close, result.Command);
        Assert.Equal("Of course, let me pull that up for you.", result.Reply);
        Assert.Equal("agent@yourco.com", result.ActiveHuman);
    }

    [Fact]
    public void Support_PlainMessageNullCommand_ReadsAsNull()
    {
        var result = JsonSerializer.Deserialize<OsviEnvelope<SupportCommandResult>>(
            """{"success":true,"data":{"state":"ok","session_id":"s1","command":null}}""", OsviJson.Options)!.Data;

        Assert.Null(result.Command);
    }

    [Fact]
    public void InjectContext_DocumentedExample_ReadsTheWholeList()
    {
        var result = Deserialize<OsviEnvelope<InjectContextResult>>("chat_inject_context_response.json").Data;

        Assert.Equal("...", result.SessionId);
        Assert.Equal(
            ["Initial context for this chat", "Earlier voice call: customer wants a refund and prefers WhatsApp follow-up."],
            result.Context);
    }
}
