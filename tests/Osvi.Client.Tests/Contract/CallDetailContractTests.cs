using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Osvi.Client.Contracts;
using Osvi.Simulator;
using Osvi.Simulator.World;

namespace Osvi.Client.Tests.Contract;

/// <summary><c>GET /v1/call/{id}</c>, its transcript and its recording (§3.5–3.7, D6–D8), real client against the simulator.</summary>
public sealed class CallDetailContractTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<CallSummary> FirstAsync(string status, string agentName = "Appointment Reminder", IOsviApi? api = null)
    {
        var agent = (await (api ?? sim.Primary).GetActiveAgentsAsync(Ct)).First(a => a.Name == agentName).AgentId;
        return (await (api ?? sim.Primary).ListCallsAsync(new CallListQuery { Status = [status], AgentUuid = agent, PerPage = 1 }, Ct)).Data[0];
    }

    /// <summary>An answered call that ended a moment ago and talked for <paramref name="seconds"/>.</summary>
    private string FinishedCall(int seconds) =>
        sim.World.CreateFinishedCall(new FinishedCallSpec(SimulatorDefaults.PrimaryToken, seconds)) ?? throw new InvalidOperationException("No call created");

    [Fact]
    public async Task GetCallAsync_AnsweredCall_ReadsEveryFieldAsSentAndAgreesWithTheList()
    {
        var listed = await FirstAsync("picked");

        var envelope = await sim.Primary.GetCallAsync(listed.CallId, Ct);
        var wire = await sim.RawGetAsync($"/v1/call/{listed.CallId}");

        Assert.True(envelope.Success);
        var call = envelope.Data;
        WireAssert.SameFields<OsviEnvelope<CallDetail>>(wire);
        var data = wire.GetProperty("data");
        WireAssert.SameCall(data, call);
        Assert.Equal(data.GetProperty("caller_name").GetString(), call.CallerName);
        Assert.Equal(data.GetProperty("retry_count").GetInt32(), call.RetryCount);
        Assert.Equal(data.GetProperty("summary").GetString(), call.Summary);
        AssertSameObject(data.GetProperty("data_captured"), call.DataCaptured);
        AssertSameObject(data.GetProperty("post_call_analysis"), call.PostCallAnalysis);
        Assert.False(string.IsNullOrWhiteSpace(call.Summary));
        Assert.NotEmpty(call.DataCaptured!);
        Assert.NotEmpty(call.PostCallAnalysis!);
        // The list shows the same call (every summary field).
        Assert.Equal(listed, AsSummary(call));
    }

    [Fact]
    public async Task GetCallAsync_UnansweredCall_HasNoAnalysisButWasDialled()
    {
        var listed = await FirstAsync("not_picked");

        var call = (await sim.Primary.GetCallAsync(listed.CallId, Ct)).Data;

        Assert.Equal(CallStatus.NotPicked, call.Status);
        Assert.Equal(0, call.DurationSeconds);
        Assert.Null(call.Summary);
        Assert.Null(call.DataCaptured);
        Assert.Null(call.PostCallAnalysis);
        Assert.Null(call.Tag);
        Assert.NotNull(call.CallPickedAt); // D6
    }

    public static TheoryData<string> MissingIds => new()
    {
        "not-a-uuid",
        "call_abc123xyz",
        "00000000-0000-4000-8000-000000000000",
        "x/../../active_agents",
    };

    [Theory]
    [MemberData(nameof(MissingIds))]
    public async Task GetCallAsync_MalformedOrUnknownId_Is404NotFound(string id)
    {
        var error = await OsviAssert.FailsAsync(() => sim.Primary.GetCallAsync(id, Ct), OsviErrorKind.NotFound, 404, "Not found");

        Assert.Empty(error.FieldErrors);
        await OsviAssert.FailsAsync(() => sim.Primary.GetTranscriptAsync(id, Ct), OsviErrorKind.NotFound, 404, "Not found");
        using var recording = await sim.Primary.GetRecordingAsync(id, Ct);
        OsviAssert.Failed(recording, OsviErrorKind.NotFound, 404, "Not found");
    }

    [Fact]
    public async Task GetCallAsync_CallOfAnotherAccount_Is404ForTheCallItsTranscriptAndItsRecording()
    {
        var theirs = await FirstAsync("picked", "Delivery Updates", sim.Secondary);
        Assert.Equal(CallStatus.Picked, (await sim.Secondary.GetCallAsync(theirs.CallId, Ct)).Data.Status);

        await OsviAssert.FailsAsync(() => sim.Primary.GetCallAsync(theirs.CallId, Ct), OsviErrorKind.NotFound, 404, "Not found");
        await OsviAssert.FailsAsync(() => sim.Primary.GetTranscriptAsync(theirs.CallId, Ct), OsviErrorKind.NotFound, 404, "Not found");
        using var recording = await sim.Primary.GetRecordingAsync(theirs.CallId, Ct);
        OsviAssert.Failed(recording, OsviErrorKind.NotFound, 404, "Not found");
    }

    [Fact]
    public async Task GetTranscriptAsync_AnsweredCall_ReadsTurnsWithRolesAndTimingsAsSent()
    {
        var listed = await FirstAsync("picked", "Policy Renewals");

        var transcript = (await sim.Primary.GetTranscriptAsync(listed.CallId, Ct)).Data;
        var wire = await sim.RawGetAsync($"/v1/call/{listed.CallId}/transcript");

        Assert.Equal(listed.CallId, transcript.CallId);
        WireAssert.SameFields<CallTranscript>(wire.GetProperty("data"));
        var turns = wire.GetProperty("data").GetProperty("transcript").EnumerateArray().ToList();
        Assert.True(turns.Count >= 2);
        Assert.Equal(turns.Count, transcript.Transcript.Count);
        for (var i = 0; i < turns.Count; i++)
        {
            Assert.Equal(["role", "content", "start_seconds", "end_seconds"], turns[i].EnumerateObject().Select(p => p.Name));
            var turn = transcript.Transcript[i];
            Assert.Equal(turns[i].GetProperty("role").GetString(), turn.Role.Value);
            Assert.Equal(turns[i].GetProperty("content").GetString(), turn.Content);
            Assert.Equal(turns[i].GetProperty("start_seconds").GetDouble(), turn.StartSeconds);
            Assert.Equal(turns[i].GetProperty("end_seconds").GetDouble(), turn.EndSeconds);
        }

        Assert.Equal(TranscriptRole.Agent, transcript.Transcript[0].Role);
        Assert.Contains(transcript.Transcript, t => t.Role == TranscriptRole.User);
        Assert.All(transcript.Transcript, t =>
        {
            Assert.True(t.Role == TranscriptRole.Agent || t.Role == TranscriptRole.User, t.Role.Value);
            Assert.False(string.IsNullOrWhiteSpace(t.Content));
            Assert.True(t.StartSeconds < t.EndSeconds);
        });
        Assert.All(transcript.Transcript.Zip(transcript.Transcript.Skip(1)), pair => Assert.True(pair.First.EndSeconds <= pair.Second.StartSeconds));
        Assert.True(transcript.Transcript[^1].EndSeconds <= listed.DurationSeconds);
    }

    [Theory]
    [InlineData("not_picked")]
    [InlineData("busy")]
    [InlineData("voicemail")]
    public async Task GetTranscriptAsync_UnansweredCall_Is200WithNoTurns(string status)
    {
        var listed = await FirstAsync(status);

        var transcript = await sim.Primary.GetTranscriptAsync(listed.CallId, Ct);

        Assert.True(transcript.Success);
        Assert.Equal(listed.CallId, transcript.Data.CallId);
        Assert.Empty(transcript.Data.Transcript);
    }

    [Fact]
    public async Task GetRecordingAsync_AnsweredCall_GivesAPresignedUrlThatServesTheWholeCallWithoutTheToken()
    {
        var id = FinishedCall(seconds: 12);

        using var response = await sim.Primary.GetRecordingAsync(id, Ct);
        var recording = OsviAssert.Succeeded(response).Data;

        Assert.Equal(id, recording.CallId);
        Assert.Equal(900, recording.ExpiresInSeconds);
        var url = recording.RecordingUrl!;
        Assert.True(url.IsAbsoluteUri);
        Assert.Equal($"/recordings/{id}.wav", url.AbsolutePath);
        Assert.DoesNotContain(SimulatorDefaults.PrimaryToken, url.ToString(), StringComparison.Ordinal);
        using var anonymous = sim.Http();
        using var audio = await anonymous.GetAsync(url, Ct);
        var bytes = await audio.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.Equal("audio/wav", audio.Content.Headers.ContentType?.MediaType);
        Assert.Equal(44 + (12 * 8_000 * 2), bytes.Length);
        Assert.Equal("RIFFWAVE", Encoding.ASCII.GetString(bytes, 0, 4) + Encoding.ASCII.GetString(bytes, 8, 4));

        using var range = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(1_000, 1_999) } };
        using var part = await anonymous.SendAsync(range, Ct);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(bytes.AsSpan(1_000, 1_000).ToArray(), await part.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task GetRecordingAsync_UrlOlderThan15Minutes_Is403WhileAFreshOneWorks()
    {
        var id = FinishedCall(seconds: 5);
        using var first = await sim.Primary.GetRecordingAsync(id, Ct);
        var url = OsviAssert.Succeeded(first).Data.RecordingUrl!;
        using var anonymous = sim.Http();

        sim.Time.Advance(TimeSpan.FromSeconds(899));
        using (var stillValid = await anonymous.GetAsync(url, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        }

        sim.Time.Advance(TimeSpan.FromSeconds(2));
        using var expired = await anonymous.GetAsync(url, Ct);
        var body = JsonDocument.Parse(await expired.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Equal("Request has expired", body.GetProperty("error").GetString());

        using var again = await sim.Primary.GetRecordingAsync(id, Ct);
        using var fresh = await anonymous.GetAsync(OsviAssert.Succeeded(again).Data.RecordingUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task GetRecordingAsync_TamperedSignature_Is403()
    {
        var id = FinishedCall(seconds: 5);
        using var response = await sim.Primary.GetRecordingAsync(id, Ct);
        var url = OsviAssert.Succeeded(response).Data.RecordingUrl!.ToString();
        var tampered = url[..^4] + (url[^4..] == "0000" ? "1111" : "0000");
        using var anonymous = sim.Http();

        using var refused = await anonymous.GetAsync(tampered, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory]
    [InlineData("not_picked")]
    [InlineData("failed")]
    public async Task GetRecordingAsync_UnansweredCall_Is404RecordingNotAvailable(string status)
    {
        var listed = await FirstAsync(status);

        using var response = await sim.Primary.GetRecordingAsync(listed.CallId, Ct);

        OsviAssert.Failed(response, OsviErrorKind.NotFound, 404, "Recording not available");
        Assert.Null(response.Content);
    }

    private static void AssertSameObject(JsonElement wire, IReadOnlyDictionary<string, JsonElement>? value)
    {
        if (wire.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(value);
            return;
        }

        Assert.NotNull(value);
        Assert.Equal(wire.EnumerateObject().Select(p => p.Name), value.Keys);
        Assert.All(wire.EnumerateObject(), p => Assert.True(JsonElement.DeepEquals(p.Value, value[p.Name]), p.Name));
    }

    /// <summary>The <see cref="CallSummary"/> part of a call (records compare their runtime type too).</summary>
    private static CallSummary AsSummary(CallSummary c) => new()
    {
        CallId = c.CallId, AgentUuid = c.AgentUuid, AgentName = c.AgentName, PhoneNumber = c.PhoneNumber, FromNumber = c.FromNumber,
        Status = c.Status, CallType = c.CallType, DurationSeconds = c.DurationSeconds, CallEndedBy = c.CallEndedBy,
        CallEndedReason = c.CallEndedReason, CampaignId = c.CampaignId, CampaignUploadId = c.CampaignUploadId, Tag = c.Tag,
        CreatedAt = c.CreatedAt, CallPickedAt = c.CallPickedAt,
    };
}
