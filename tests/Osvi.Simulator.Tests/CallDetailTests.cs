using System.Net;
using System.Text.Json;

namespace Osvi.Simulator.Tests;

public sealed class CallDetailTests(SharedSimulator shared) : IClassFixture<SharedSimulator>
{
    private async Task<JsonElement> FirstCallAsync(string query, string? token = null)
    {
        using var client = shared.Host.Api(token ?? SimulatorDefaults.PrimaryToken);
        var (_, body) = await client.GetJsonAsync("/v1/calls?per_page=1&" + query);
        return body.Data()[0];
    }

    [Fact]
    public async Task Get_AnsweredCallOfAnAnalysedAgent_HasSummaryExtractedDataAnalysisAndTag()
    {
        var reminders = shared.Host.Agent(where: a => a.Name == "Appointment Reminder").Uuid;
        using var client = shared.Host.Api();
        var (_, list) = await client.GetJsonAsync($"/v1/calls?status=picked&agent_uuid={reminders}&per_page=50&page=3");
        var summary = list.Data().EnumerateArray().First(c => c.GetProperty("tag").ValueKind == JsonValueKind.Object);

        var (status, body) = await client.GetJsonAsync($"/v1/call/{summary.Str("call_id")}");

        Assert.Equal(HttpStatusCode.OK, status);
        var call = body.Data();
        foreach (var property in summary.EnumerateObject())
        {
            Assert.Equal(property.Value.GetRawText(), call.GetProperty(property.Name).GetRawText());
        }

        Assert.False(string.IsNullOrWhiteSpace(call.Str("summary")));
        Assert.False(string.IsNullOrWhiteSpace(call.Str("caller_name")));
        Assert.Equal(JsonValueKind.Number, call.GetProperty("retry_count").ValueKind);
        Assert.NotEmpty(call.GetProperty("data_captured").EnumerateObject());
        Assert.Contains(call.GetProperty("post_call_analysis").GetProperty("sentiment").GetString(), new[] { "positive", "neutral", "negative" });
        var tag = call.GetProperty("tag");
        Assert.Matches("^#[0-9a-f]{6}$", tag.Str("color_code"));
        Assert.True(call.GetProperty("duration_seconds").GetInt32() > 0);
        Assert.EndsWith("+05:30", call.Str("call_picked_at"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnansweredCall_HasNoSummaryAndAnEmptyTranscriptAndNoRecording()
    {
        var call = await FirstCallAsync("status=not_picked");
        var id = call.Str("call_id");
        using var client = shared.Host.Api();

        var (_, detail) = await client.GetJsonAsync($"/v1/call/{id}");
        var (transcriptStatus, transcript) = await client.GetJsonAsync($"/v1/call/{id}/transcript");
        var (recordingStatus, recording) = await client.GetJsonAsync($"/v1/call/{id}/recording");

        Assert.Equal(JsonValueKind.Null, detail.Data().GetProperty("summary").ValueKind);
        Assert.Equal(0, detail.Data().GetProperty("duration_seconds").GetInt32());
        Assert.Equal(HttpStatusCode.OK, transcriptStatus);
        Assert.Equal(id, transcript.Data().Str("call_id"));
        Assert.Empty(transcript.Data().GetProperty("transcript").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, recordingStatus);
        recording.AssertD1("Recording not available");
    }

    [Fact]
    public async Task Transcript_AnsweredCall_HasAgentAndUserTurnsTimedWithinTheCall()
    {
        var call = await FirstCallAsync("status=picked&page=20");
        using var client = shared.Host.Api();

        var (status, body) = await client.GetJsonAsync($"/v1/call/{call.Str("call_id")}/transcript");

        Assert.Equal(HttpStatusCode.OK, status);
        var turns = body.Data().GetProperty("transcript").EnumerateArray().ToList();
        Assert.True(turns.Count >= 2);
        Assert.Equal("agent", turns[0].Str("role"));
        Assert.Contains(turns, t => t.Str("role") == "user");
        var duration = call.GetProperty("duration_seconds").GetInt32();
        var previousEnd = 0.0;
        foreach (var turn in turns)
        {
            Assert.Equal(["role", "content", "start_seconds", "end_seconds"], turn.EnumerateObject().Select(p => p.Name));
            var start = turn.GetProperty("start_seconds").GetDouble();
            var end = turn.GetProperty("end_seconds").GetDouble();
            Assert.True(start >= previousEnd && end > start && end <= duration, $"turn {start}-{end} in a {duration} s call");
            Assert.False(string.IsNullOrWhiteSpace(turn.Str("content")));
            previousEnd = end;
        }
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("call_abc123xyz")]
    [InlineData("00000000-0000-4000-8000-000000000000")]
    public async Task Get_MalformedOrUnknownId_Returns404NotA400(string id)
    {
        using var client = shared.Host.Api();

        foreach (var path in new[] { $"/v1/call/{id}", $"/v1/call/{id}/transcript", $"/v1/call/{id}/recording" })
        {
            var (status, body) = await client.GetJsonAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, status);
            body.AssertD1("Not found");
        }
    }

    [Fact]
    public async Task Get_CallOfAnotherAccount_Returns404OnEveryCallRoute()
    {
        var foreign = await FirstCallAsync("status=picked", SimulatorDefaults.SecondaryToken);
        using var client = shared.Host.Api();

        foreach (var suffix in new[] { "", "/transcript", "/recording" })
        {
            var (status, _) = await client.GetJsonAsync($"/v1/call/{foreign.Str("call_id")}{suffix}");
            Assert.Equal(HttpStatusCode.NotFound, status);
        }
    }

    [Fact]
    public async Task Get_AnsweredCallOfAnAgentWithoutAnalysis_HasTranscriptButNoSummary()
    {
        var emi = shared.Host.Agent(where: a => a.Name == "EMI Payment Reminder").Uuid;
        var call = await FirstCallAsync($"status=picked&agent_uuid={emi}");
        using var client = shared.Host.Api();

        var (_, detail) = await client.GetJsonAsync($"/v1/call/{call.Str("call_id")}");
        var (_, transcript) = await client.GetJsonAsync($"/v1/call/{call.Str("call_id")}/transcript");

        Assert.Equal(JsonValueKind.Null, detail.Data().GetProperty("summary").ValueKind);
        Assert.Equal(JsonValueKind.Null, detail.Data().GetProperty("tag").ValueKind);
        Assert.NotEmpty(transcript.Data().GetProperty("transcript").EnumerateArray());
    }
}
