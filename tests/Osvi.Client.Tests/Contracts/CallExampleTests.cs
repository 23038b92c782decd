using System.Text.Json;
using System.Text.Json.Nodes;
using Osvi.Client.Contracts;
using Osvi.Client.Serialization;
using static Osvi.Client.Tests.Infrastructure.Fixtures;

namespace Osvi.Client.Tests.Contracts;

/// <summary>The contract's examples for agents and calls (§3.1–3.7), deserialised with the client's settings.</summary>
public sealed class CallExampleTests
{
    [Fact]
    public void ActiveAgents_DocumentedBareArray_ReadsEveryAgent()
    {
        var agents = Deserialize<IReadOnlyList<ActiveAgent>>("active_agents.json");

        Assert.Equal(2, agents.Count);
        Assert.Equal("agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", agents[0].AgentId);
        Assert.Equal("Appointment Reminder", agents[0].Name);
        Assert.Equal(AgentStatus.Active, agents[0].Status);
        Assert.Equal("agent_x9KpL2Mn_41Tg83YWQNca-B_pe", agents[1].AgentId);
        Assert.Equal("Support Line", agents[1].Name);
    }

    [Fact]
    public void ActiveAgents_UnknownStatus_IsKeptNotRejected()
    {
        var agents = JsonSerializer.Deserialize<IReadOnlyList<ActiveAgent>>(
            """[{"agent_id":"agent_a","name":"A","status":"paused"}]""", OsviJson.Options)!;

        Assert.False(agents[0].Status.IsKnown);
        Assert.Equal("paused", agents[0].Status.Value);
    }

    [Fact]
    public void StartCallRequest_DocumentedExample_ReadsEveryField()
    {
        var request = Deserialize<StartCallRequest>("call_start_request.json");

        Assert.Equal("agent_IsxxxxSf_60EhxxxxMGbz-Rxxg", request.AgentUuid);
        Assert.Equal("9876543210", request.PhoneNumber);
        Assert.Equal("IN", request.CountryCode);
        Assert.Equal("John Doe", request.PersonName);
        Assert.Equal("https://yourdomain.com/osvi-webhook", request.WebhookUrl);
        Assert.Equal("2025-01-15", request.AdditionalData!["appointment_date"].GetString());
        Assert.StartsWith("Hello John", request.InitialGreeting, StringComparison.Ordinal);
        Assert.Equal(300, request.CallConfigOverrides!.MaxCallDurationSeconds);
        Assert.False(request.CallConfigOverrides.EnableCallback);
        Assert.Equal(new RetryConfig { Enabled = true, MaxAttempts = 2, IntervalMinutes = 30 }, request.CallConfigOverrides.RetryConfig);
        var field = Assert.Single(request.DataExtraction!);
        Assert.Equal(new DataExtractionField { Key = "appointment_confirmed", Description = "Ask if they can confirm.", Required = true, OutputFormat = "yes or no" }, field);
    }

    [Fact]
    public void StartCallRequest_Serialised_MatchesTheDocumentedBody()
    {
        var request = Deserialize<StartCallRequest>("call_start_request.json");

        var written = JsonNode.Parse(JsonSerializer.Serialize(request, OsviJson.Options));
        var documented = JsonNode.Parse(Read("call_start_request.json"));

        // Same keys (snake_case, additional_data keys untouched), same values: nothing renamed, added or lost.
        Assert.True(JsonNode.DeepEquals(documented, written), written!.ToJsonString());
    }

    [Fact]
    public void StartCall_DocumentedResponse_KeepsTheNonUuidCallId()
    {
        var response = Deserialize<OsviEnvelope<StartCallResult>>("call_start_response.json");

        Assert.True(response.Success);
        Assert.Equal("call_abc123xyz", response.Data.CallId);
    }

    [Fact]
    public void ListCalls_DocumentedExample_ReadsEveryFieldAndMeta()
    {
        var page = Deserialize<OsviPagedEnvelope<CallSummary>>("calls_list_response.json");

        Assert.True(page.Success);
        var call = Assert.Single(page.Data);
        AssertDocumentedSummary(call);
        Assert.Equal(new PageMeta { CurrentPage = 1, TotalPages = 1, TotalCount = 1, PerPage = 25 }, page.Meta);
    }

    [Fact]
    public void GetCall_DocumentedExample_ReadsSummaryFieldsAndAnalysis()
    {
        var call = Deserialize<OsviEnvelope<CallDetail>>("call_detail_response.json").Data;

        AssertDocumentedSummary(call);
        Assert.Equal("Ravi Kumar", call.CallerName);
        Assert.Equal(0, call.RetryCount);
        Assert.Equal("The customer confirmed their appointment for Friday at 4 PM.", call.Summary);
        Assert.Equal("ravi@example.com", call.DataCaptured!["email"].GetString());
        Assert.True(call.DataCaptured["confirmed"].GetBoolean());
        Assert.Equal("positive", call.PostCallAnalysis!["sentiment"].GetString());
        Assert.False(call.PostCallAnalysis["callback_required"].GetBoolean());
    }

    [Fact]
    public void CallSummary_NullableFieldsNull_ReadAsNull()
    {
        const string json = """
            {"call_id":"c1","agent_uuid":"agent_a","agent_name":"A","phone_number":"+919876543210","from_number":null,
             "status":"in_progress","call_type":"outbound","duration_seconds":null,"call_ended_by":null,"call_ended_reason":null,
             "campaign_id":null,"campaign_upload_id":null,"tag":null,"created_at":"2026-06-12T09:30:00+05:30","call_picked_at":null}
            """;

        var call = JsonSerializer.Deserialize<CallSummary>(json, OsviJson.Options)!;

        Assert.Equal(CallStatus.InProgress, call.Status);
        Assert.False(call.Status.IsTerminal);
        Assert.Null(call.FromNumber);
        Assert.Null(call.DurationSeconds);
        Assert.Null(call.CampaignId);
        Assert.Null(call.CampaignUploadId);
        Assert.Null(call.Tag);
        Assert.Null(call.CallPickedAt);
    }

    [Fact]
    public void Transcript_SimulatorShape_ReadsRolesTextAndTiming()
    {
        var transcript = Deserialize<OsviEnvelope<CallTranscript>>("call_transcript_response.json").Data;

        Assert.Equal("a1b2c3d4-5e6f-7a8b-9c0d-1e2f3a4b5c6d", transcript.CallId);
        Assert.Equal(2, transcript.Transcript.Count);
        Assert.Equal(new TranscriptTurn { Role = TranscriptRole.Agent, Content = "Hello Ravi, this is a reminder about your appointment.", StartSeconds = 1.25, EndSeconds = 3.9 }, transcript.Transcript[0]);
        Assert.Equal(new TranscriptTurn { Role = TranscriptRole.User, Content = "Yes, Friday at 4 works.", StartSeconds = 4.1, EndSeconds = 5.6 }, transcript.Transcript[1]);
    }

    [Fact]
    public void Transcript_D7Aliases_AreNormalised()
    {
        var turns = Deserialize<OsviEnvelope<CallTranscript>>("call_transcript_aliases_response.json").Data.Transcript;

        Assert.Equal(
            [
                new TranscriptTurn { Role = TranscriptRole.Agent, Content = "Hi, this is Osvi.", StartSeconds = 0.5 },
                new TranscriptTurn { Role = TranscriptRole.User, Content = "Who is this?", StartSeconds = 2 },
                new TranscriptTurn { Role = TranscriptRole.Agent, Content = "Your appointment reminder.", StartSeconds = 3.5 },
                new TranscriptTurn { Role = TranscriptRole.System, Content = "Call connected.", StartSeconds = 0 },
                new TranscriptTurn { Role = TranscriptRole.Tool, Content = "lookup_appointment()" },
                new TranscriptTurn { Role = TranscriptRole.From("narrator"), Content = "An unknown role is kept." },
            ],
            turns);
        Assert.False(turns[5].Role.IsKnown);
    }

    [Fact]
    public void Transcript_NotAnswered_IsAnEmptyList()
    {
        var transcript = Deserialize<OsviEnvelope<CallTranscript>>("call_transcript_empty_response.json").Data;

        Assert.Empty(transcript.Transcript);
    }

    [Fact]
    public void Recording_DocumentedExample_ReadsPresignedUrlAndExpiry()
    {
        var recording = Deserialize<OsviEnvelope<CallRecording>>("call_recording_response.json").Data;

        Assert.Equal("a1b2c3d4-...", recording.CallId);
        Assert.Equal("https://s3.amazonaws.com/.../recording.mp4?X-Amz-...", recording.RecordingUrl!.OriginalString);
        Assert.Equal(900, recording.ExpiresInSeconds);
    }

    [Fact]
    public void Recording_NullUrl_IsAccepted()
    {
        var recording = JsonSerializer.Deserialize<OsviEnvelope<CallRecording>>(
            """{"success":true,"data":{"call_id":"c1","recording_url":null,"expires_in_seconds":900}}""", OsviJson.Options)!.Data;

        Assert.Null(recording.RecordingUrl);
    }

    private static void AssertDocumentedSummary(CallSummary call)
    {
        Assert.Equal("a1b2c3d4-5e6f-7a8b-9c0d-1e2f3a4b5c6d", call.CallId);
        Assert.Equal("agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", call.AgentUuid);
        Assert.Equal("Appointment Reminder", call.AgentName);
        Assert.Equal("+919876543210", call.PhoneNumber);
        Assert.Equal("+911140001234", call.FromNumber);
        Assert.Equal(CallStatus.Picked, call.Status);
        Assert.Equal(CallType.Outbound, call.CallType);
        Assert.Equal(42, call.DurationSeconds);
        Assert.Equal("agent", call.CallEndedBy);
        Assert.Equal("assistant-ended-call", call.CallEndedReason);
        Assert.Equal(7, call.CampaignId);
        Assert.Equal(19, call.CampaignUploadId);
        Assert.Equal(new CallTag { Id = 12, Name = "interested", ColorCode = "#22c55e" }, call.Tag);
        Assert.Equal(new DateTimeOffset(2026, 6, 12, 9, 30, 0, Ist), call.CreatedAt);
        Assert.Equal(Ist, call.CreatedAt.Offset);
        Assert.Equal(new DateTimeOffset(2026, 6, 12, 9, 30, 4, Ist), call.CallPickedAt);
    }
}
