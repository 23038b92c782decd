using System.Text.Json;
using Osvi.Client.Contracts;
using Osvi.Client.Serialization;
using static Osvi.Client.Tests.Infrastructure.Fixtures;

namespace Osvi.Client.Tests.Contracts;

/// <summary>The webhook payloads the dashboard receives (§3.19, D15).</summary>
public sealed class WebhookExampleTests
{
    [Fact]
    public void W1_TableExample_ReadsCamelCaseExecutionMode()
    {
        var payload = Deserialize<CallCompletedWebhook>("webhook_w1_call_completed.json");

        Assert.Equal("Appointment Reminder", payload.AgentName);
        Assert.Equal("agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", payload.AgentUuid);
        Assert.Equal("+919876543210", payload.PhoneNumber);
        Assert.Equal("8de63236-e013-42dd-9d99-1be5521701d4", payload.CallLogId);
        Assert.Equal("Agent: Hello, this is a reminder about your appointment.\nUser: Thanks, see you then.", payload.Chat);
        Assert.Equal(CallStatus.Picked, payload.CallStatus);
        Assert.Equal("prod", payload.ExecutionMode);
        Assert.Null(payload.Extra);
    }

    [Fact]
    public void W2_DocumentedExample_ReadsEverySection()
    {
        var payload = Deserialize<PostCallAnalysisWebhook>("webhook_w2_post_call_analysis.json");

        Assert.Equal("8de63236-e013-42dd-9d99-1be5521701d4", payload.CallLogId);
        Assert.Equal("+919876543210", payload.PhoneNumber);
        Assert.Equal("agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", payload.AgentName);
        Assert.Equal(CallStatus.Picked, payload.CallStatus);
        Assert.Equal(CallType.Outbound, payload.CallType);
        Assert.Equal("The customer confirmed their appointment ...", payload.CallSummary);
        Assert.Equal("John Doe", payload.DataCapture!["customer_name"].GetString());
        Assert.True(payload.DataCapture["appointment_confirmed"].GetBoolean());
        Assert.Equal("appointment_confirmation", payload.StructuredOutput!["intent"].GetString());
        Assert.Equal("2026-06-12", payload.StructuredOutput["appointment"].GetProperty("date").GetString());
        Assert.Equal("lead_42", payload.CallTriggerData!["crm_id"].GetString());
        Assert.Equal("june-renewals", payload.CallTriggerData["campaign"].GetString());
        Assert.Null(payload.Extra);
    }

    [Fact]
    public void W2_UnknownExtraFields_AreKept()
    {
        var payload = Deserialize<PostCallAnalysisWebhook>("webhook_w2_extra_fields.json");

        Assert.Equal("Confirmed.", payload.CallSummary);
        Assert.Null(payload.DataCapture);
        Assert.Equal(["callback", "sentiment_score", "tags"], payload.Extra!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0.92, payload.Extra["sentiment_score"].GetDouble());
        Assert.Equal("interested", payload.Extra["tags"][0].GetString());
        Assert.True(payload.Extra["callback"].GetProperty("requested").GetBoolean());
    }

    [Fact]
    public void W1_UnknownExtraFieldAndStatus_AreKept()
    {
        var json = Read("webhook_w1_call_completed.json")
            .Replace("\"call_status\": \"picked\"", "\"call_status\": \"voicemail_left\", \"duration\": 17", StringComparison.Ordinal);

        var payload = JsonSerializer.Deserialize<CallCompletedWebhook>(json, OsviJson.Options)!;

        Assert.Equal("voicemail_left", payload.CallStatus.Value);
        Assert.False(payload.CallStatus.IsKnown);
        Assert.Equal(17, payload.Extra!["duration"].GetInt32());
    }
}
