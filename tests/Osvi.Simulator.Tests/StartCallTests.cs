using System.Net;
using System.Text.Json;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Tests;

public sealed class StartCallTests
{
    internal static async Task<string> StartAsync(SimHost host, string phone, object? extra = null)
    {
        using var client = host.Api();
        var body = new Dictionary<string, object?> { ["agent_uuid"] = host.Dialler().Uuid, ["phone_number"] = phone, ["country_code"] = "IN" };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            body[property.Name] = property.GetValue(extra);
        }

        var (status, response) = await client.PostJsonAsync("/v1/call", body);
        Assert.Equal(HttpStatusCode.OK, status);
        return response.Data().Str("call_id");
    }

    internal static async Task<JsonElement> GetCallAsync(SimHost host, string id)
    {
        using var client = host.Api();
        var (status, body) = await client.GetJsonAsync($"/v1/call/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body.Data();
    }

    [Fact]
    public async Task Start_ValidCall_IsListedAtOnceInProgressThenEndsInItsForcedOutcome()
    {
        await using var host = new SimHost();
        using var client = host.Api();

        var id = await StartAsync(host, OutcomeRules.NationalNumber(OutcomeRules.PickedSuffix));
        var (_, list) = await client.GetJsonAsync("/v1/calls?status=in_progress&per_page=100");
        var listed = list.Data().EnumerateArray().Single(c => c.Str("call_id") == id);

        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
        Assert.Equal("in_progress", listed.Str("status"));
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("call_picked_at").ValueKind);
        Assert.Equal(OutcomeRules.E164(OutcomeRules.PickedSuffix), listed.Str("phone_number"));

        host.Advance(TimeSpan.FromSeconds(10));
        var dialling = await GetCallAsync(host, id);
        Assert.Equal("in_progress", dialling.Str("status"));
        Assert.Equal(JsonValueKind.String, dialling.GetProperty("call_picked_at").ValueKind);

        host.Advance(OutcomeRules.ForcedCallSettlesWithin);
        var ended = await GetCallAsync(host, id);
        Assert.Equal("picked", ended.Str("status"));
        Assert.Equal(OutcomeRules.ForcedTalkSeconds, ended.GetProperty("duration_seconds").GetInt32());
        Assert.False(string.IsNullOrEmpty(ended.Str("call_ended_reason")));
        var (_, newest) = await client.GetJsonAsync("/v1/calls?status=picked&per_page=1");
        Assert.Equal(id, newest.Data()[0].Str("call_id"));
    }

    [Theory]
    [InlineData(OutcomeRules.NotPickedSuffix, "not_picked")]
    [InlineData(OutcomeRules.BusySuffix, "busy")]
    [InlineData(OutcomeRules.FailedSuffix, "failed")]
    [InlineData(OutcomeRules.VoicemailSuffix, "voicemail")]
    public async Task Start_ForcedSuffix_EndsWithThatOutcome(string suffix, string expected)
    {
        await using var host = new SimHost();

        var id = await StartAsync(host, OutcomeRules.NationalNumber(suffix, variant: 3));
        host.Advance(OutcomeRules.ForcedCallSettlesWithin);
        var call = await GetCallAsync(host, id);

        Assert.Equal(expected, call.Str("status"));
        Assert.Equal(0, call.GetProperty("duration_seconds").GetInt32());
        Assert.Equal(JsonValueKind.String, call.GetProperty("call_picked_at").ValueKind);
    }

    [Fact]
    public async Task Start_UnforcedNumber_EndsInAnOutcomeFromTheDistribution()
    {
        await using var host = new SimHost();

        var id = await StartAsync(host, "9123456789");
        host.Advance(OutcomeRules.AnyCallSettlesWithin);
        var call = await GetCallAsync(host, id);

        Assert.Contains(call.Str("status"), new[] { "picked", "not_picked", "busy", "failed", "voicemail" });
    }

    [Fact]
    public async Task Start_RetryConfig_RedialsAfterTheIntervalAndCountsTheRetry()
    {
        await using var host = new SimHost();
        var retry = new { call_config_overrides = new { retry_config = new { enabled = true, max_attempts = 2, interval_minutes = 30 } } };

        var id = await StartAsync(host, OutcomeRules.NationalNumber(OutcomeRules.PickedOnRetrySuffix), retry);
        host.Advance(OutcomeRules.ForcedCallSettlesWithin);
        var first = await GetCallAsync(host, id);
        host.Advance(TimeSpan.FromMinutes(30));
        host.Advance(OutcomeRules.ForcedCallSettlesWithin);
        var second = await GetCallAsync(host, id);

        Assert.Equal("not_picked", first.Str("status"));
        Assert.Equal(0, first.GetProperty("retry_count").GetInt32());
        Assert.Equal("picked", second.Str("status"));
        Assert.Equal(1, second.GetProperty("retry_count").GetInt32());
    }

    [Fact]
    public async Task Start_NumberOnTheAgentsDndList_Returns400()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var agent = host.Dialler().Uuid;
        await client.PostJsonAsync("/v1/dnd_numbers", new { agent_uuid = agent, phone = "9811122233" });

        var (status, body) = await client.PostJsonAsync("/v1/call", new { agent_uuid = agent, phone_number = "9811122233", country_code = "IN" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("phone_number is on the agent's DND list", body.Str("error"));
    }

    [Fact]
    public async Task Start_DndNumberWithFailCallBehaviour_CreatesAFailedCallThatIsNeverDialled()
    {
        await using var host = new SimHost(settings: ("Simulator:DndCallBehavior", "FailCall"));
        using var client = host.Api();
        await client.PostJsonAsync("/v1/dnd_numbers", new { agent_uuid = host.Dialler().Uuid, phone = "9811122233" });

        var id = await StartAsync(host, "9811122233");
        var call = await GetCallAsync(host, id);

        Assert.Equal("failed", call.Str("status"));
        Assert.Equal("dnd-skipped", call.Str("call_ended_reason"));
        Assert.Equal(JsonValueKind.Null, call.GetProperty("call_picked_at").ValueKind);
    }

    [Fact]
    public async Task Start_AgentOfAnotherAccount_Returns403()
    {
        await using var host = new SimHost();
        using var client = host.Api();

        var (status, body) = await client.PostJsonAsync("/v1/call", new { agent_uuid = host.Dialler(account: 1).Uuid, phone_number = "9876543210", country_code = "IN" });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.False(body.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Start_InactiveAgent_Returns400()
    {
        await using var host = new SimHost();
        using var client = host.Api();

        var (status, body) = await client.PostJsonAsync("/v1/call", new { agent_uuid = host.Agent(AgentState.Inactive).Uuid, phone_number = "9876543210", country_code = "IN" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("agent_uuid", body.GetProperty("details")[0].Str("field"));
    }

    [Theory]
    [InlineData("agent_uuid")]
    [InlineData("phone_number")]
    [InlineData("country_code")]
    public async Task Start_MissingRequiredField_Returns400ParamMissing(string missing)
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var body = new Dictionary<string, object?> { ["agent_uuid"] = host.Dialler().Uuid, ["phone_number"] = "9876543210", ["country_code"] = "IN" };
        body[missing] = missing == "phone_number" ? "" : null;

        var (status, response) = await client.PostJsonAsync("/v1/call", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        response.AssertD1("param is missing or the value is empty: " + missing);
        Assert.Equal(JsonValueKind.Null, response.GetProperty("details").ValueKind);
    }

    public static TheoryData<string, string> InvalidFields => new()
    {
        { """ "country_code":"XX" """, "country_code" },
        { """ "country_code":"IN","phone_number":"12345" """, "phone_number" },
        { """ "phone_number":"5876543210" """, "phone_number" },
        { """ "phone_number":9876543210 """, "phone_number" },
        { """ "webhook_url":"ftp://example.com/hook" """, "webhook_url" },
        { """ "webhook_url":"not a url" """, "webhook_url" },
        { """ "additional_data":["a","b"] """, "additional_data" },
        { """ "additional_data":"text" """, "additional_data" },
        { $$""" "initial_greeting":"{{new string('x', 2001)}}" """, "initial_greeting" },
        { """ "call_config_overrides":{"max_call_duration_seconds":99999} """, "call_config_overrides.max_call_duration_seconds" },
        { """ "call_config_overrides":{"retry_config":{"enabled":true,"max_attempts":50}} """, "call_config_overrides.retry_config.max_attempts" },
        { """ "call_config_overrides":{"retry_config":{"enabled":"yes"}} """, "call_config_overrides.retry_config.enabled" },
        { """ "data_extraction":[{"description":"no key"}] """, "data_extraction[0].key" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Start_InvalidField_Returns400NamingTheField(string fields, string field)
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var json = $$"""{"agent_uuid":"{{host.Dialler().Uuid}}","phone_number":"9876543210","country_code":"IN",{{fields}}}""";
        json = json.Replace("\"country_code\":\"IN\", \"country_code\"", "\"country_code\"", StringComparison.Ordinal);

        var (status, body) = await client.PostJsonAsync("/v1/call", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(body.GetProperty("details").EnumerateArray(), d => d.Str("field") == field);
    }

    [Theory]
    [InlineData("{\"agent_uuid\":")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"agent_uuid\":\"a\",}")]
    public async Task Start_MalformedBody_Returns400NotA500(string json)
    {
        await using var host = new SimHost();
        using var client = host.Api();

        var (status, body) = await client.PostJsonAsync("/v1/call", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.DoesNotContain("   at ", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HugeBody_Returns400()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var huge = $$"""{"agent_uuid":"x","phone_number":"9876543210","country_code":"IN","system_prompt":"{{new string('a', 6_000_000)}}"}""";

        var (status, body) = await client.PostJsonAsync("/v1/call", huge);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("too large", body.Str("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FullDocumentedExample_IsAccepted()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var json = $$$"""
            {"agent_uuid":"{{{host.Dialler().Uuid}}}","phone_number":"9876543210","country_code":"IN",
             "person_name":"John Doe","webhook_url":"https://yourdomain.com/osvi-webhook",
             "additional_data":{"appointment_date":"2025-01-15"},
             "initial_greeting":"Hello John, this is a reminder about your appointment tomorrow at 10 AM.",
             "call_config_overrides":{"max_call_duration_seconds":300,"enable_callback":false,
               "retry_config":{"enabled":true,"max_attempts":2,"interval_minutes":30}},
             "data_extraction":[{"key":"appointment_confirmed","description":"Ask if they can confirm.","required":true,"output_format":"yes or no"}]}
            """;

        var (status, body) = await client.PostJsonAsync("/v1/call", json);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("success").GetBoolean());
        var call = await GetCallAsync(host, body.Data().Str("call_id"));
        Assert.Equal("John Doe", call.Str("caller_name"));
    }

    [Fact]
    public async Task Start_PrefixedIdStyle_ReturnsACallIdThatIsNotAUuid()
    {
        await using var host = new SimHost(settings: ("Simulator:CallIdStyle", "Prefixed"));

        var id = await StartAsync(host, "9876543210");
        using var client = host.Api();
        var (status, _) = await client.GetJsonAsync($"/v1/call/{id}");

        Assert.StartsWith("call_", id, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Clock_AtSixtyTimesSpeed_EndsACallInAboutOneSixtiethOfTheTime()
    {
        await using var host = new SimHost(settings: ("Simulator:ClockSpeed", "60"));

        var id = await StartAsync(host, OutcomeRules.NationalNumber(OutcomeRules.PickedSuffix));
        host.Advance(TimeSpan.FromSeconds(0.5));
        var early = await GetCallAsync(host, id);
        host.Advance(TimeSpan.FromSeconds(1.5));
        var late = await GetCallAsync(host, id);

        Assert.Equal("in_progress", early.Str("status"));
        Assert.Equal("picked", late.Str("status"));
    }
}
