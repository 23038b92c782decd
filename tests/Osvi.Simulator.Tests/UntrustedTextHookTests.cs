using System.Net;
using System.Text.Json;

namespace Osvi.Simulator.Tests;

/// <summary>The admin hooks that put arbitrary text (markup, scripts) into what OSVI returns, so clients can prove they
/// show it as text: agent names, a call's transcript/summary/extracted data, chat replies.</summary>
public sealed class UntrustedTextHookTests
{
    private const string Markup = "<img src=x onerror=alert(1)><script>alert('x')</script>";

    [Fact]
    public async Task RenameAgent_NameReturnedByActiveAgentsAndTheCallLog()
    {
        await using var host = new SimHost();
        using var admin = host.Admin();
        using var client = host.Api();
        var (_, agents) = await client.GetJsonAsync("/v1/active_agents");
        var uuid = agents[0].GetProperty("agent_id").GetString()!;
        var (_, before) = await client.GetJsonAsync($"/v1/calls?agent_uuid={uuid}&per_page=1");   // caches the list JSON

        var (renamed, agent) = await admin.PostJsonAsync($"/_simulator/agents/{uuid}", new { name = Markup });
        var (_, after) = await client.GetJsonAsync("/v1/active_agents");
        var (_, calls) = await client.GetJsonAsync($"/v1/calls?agent_uuid={uuid}&per_page=1");
        var (unknown, _) = await admin.PostJsonAsync("/_simulator/agents/00000000-0000-0000-0000-000000000000", new { name = "x" });

        Assert.Equal(HttpStatusCode.OK, renamed);
        Assert.Equal(Markup, agent.GetProperty("name").GetString());
        Assert.Contains(after.EnumerateArray(), a => a.GetProperty("name").GetString() == Markup);
        Assert.NotEqual(Markup, before.GetProperty("data")[0].GetProperty("agent_name").GetString());
        Assert.Equal(Markup, calls.GetProperty("data")[0].GetProperty("agent_name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    [Fact]
    public async Task FinishedCallWithText_TranscriptSummaryAndExtractedDataAreTheText()
    {
        await using var host = new SimHost();
        using var admin = host.Admin();
        using var client = host.Api();

        var (_, created) = await admin.PostJsonAsync("/_simulator/calls", new { duration_seconds = 60, person_name = Markup, text = Markup });
        var id = created.GetProperty("call_id").GetString()!;
        var (_, detail) = await client.GetJsonAsync($"/v1/call/{id}");
        var (_, transcript) = await client.GetJsonAsync($"/v1/call/{id}/transcript");

        var data = detail.GetProperty("data");
        Assert.Equal(Markup, data.GetProperty("caller_name").GetString());
        if (data.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.String)
        {
            Assert.Equal(Markup, summary.GetString());
            Assert.All(data.GetProperty("data_captured").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String),
                p => Assert.Equal(Markup, p.Value.GetString()));
        }

        var turns = transcript.GetProperty("data").GetProperty("transcript").EnumerateArray().ToList();
        Assert.NotEmpty(turns);
        Assert.All(turns, turn => Assert.Contains(Markup, turn.GetRawText().Replace("\\u003C", "<", StringComparison.Ordinal)
            .Replace("\\u003E", ">", StringComparison.Ordinal).Replace("\\u0027", "'", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChatReplySetting_EveryAiReplyIsTheText_EmptyPutsTheRulesBack()
    {
        await using var host = new SimHost();
        using var admin = host.Admin();
        using var client = host.Api();
        var (_, accounts) = await admin.GetJsonAsync("/_simulator/accounts");
        var chatAgent = accounts[0].GetProperty("agents").EnumerateArray()
            .First(a => a.GetProperty("channel").GetString() == "chat" && a.GetProperty("state").GetString() == "active").GetProperty("agent_uuid").GetString();

        var (set, settings) = await admin.PostJsonAsync("/_simulator/settings", new { chat_reply = Markup });
        var (_, reply) = await client.PostJsonAsync("/v1/chat/inbound", new { agent_uuid = chatAgent, customer_id = "c-1", content = "where is my order" });
        await admin.PostJsonAsync("/_simulator/settings", new { chat_reply = "" });
        var (_, normal) = await client.PostJsonAsync("/v1/chat/inbound", new { agent_uuid = chatAgent, customer_id = "c-1", content = "where is my order" });

        Assert.Equal(HttpStatusCode.OK, set);
        Assert.Equal(Markup, settings.GetProperty("chat_reply").GetString());
        Assert.Equal(Markup, reply.GetProperty("data").GetProperty("reply").GetString());
        Assert.Equal("Sure — I can help with that. What's your order number?", normal.GetProperty("data").GetProperty("reply").GetString());
    }
}
