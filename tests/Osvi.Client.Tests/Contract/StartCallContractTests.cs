using System.Text.Json;
using Osvi.Client.Contracts;
using Osvi.Client.Serialization;
using Osvi.Simulator.World;

namespace Osvi.Client.Tests.Contract;

/// <summary><c>POST /v1/call</c> (§3.2, D4, D5, D6, D15): the real client against the simulator, through the call's
/// whole life on the simulated clock.</summary>
public sealed class StartCallContractTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private static readonly TimeSpan s_ist = TimeSpan.FromHours(5.5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A call to a number whose last four digits force its outcome (each test uses its own variants).</summary>
    private StartCallRequest Call(string suffix, int variant, string? agentUuid = null) => new()
    {
        AgentUuid = agentUuid ?? sim.Dialler().Uuid,
        PhoneNumber = OutcomeRules.NationalNumber(suffix, variant),
        CountryCode = "IN",
    };

    [Fact]
    public async Task StartCallAsync_AnsweredNumber_IsListedAtOnceInProgressThenEndsPickedWithItsAnalysis()
    {
        var agent = sim.Dialler();
        var request = Call(OutcomeRules.PickedSuffix, 1) with
        {
            PersonName = "Ravi Kumar",
            SystemPrompt = "You are a polite reminder agent.",
            AdditionalData = new Dictionary<string, JsonElement> { ["appointment_date"] = JsonSerializer.SerializeToElement("2026-06-15") },
            InitialGreeting = "Hello Ravi, this is a reminder about your appointment.",
            CallConfigOverrides = new CallConfigOverrides { MaxCallDurationSeconds = 300, EnableCallback = false },
            DataExtraction = [new DataExtractionField { Key = "confirmed", Description = "Did they confirm?", Required = true, OutputFormat = "yes or no" }],
        };
        var before = sim.World.Clock.UtcNow;

        var started = await sim.Primary.StartCallAsync(request, Ct);

        Assert.True(started.Success);
        WireAssert.SameFields<OsviEnvelope<StartCallResult>>(sim.PrimaryWire);
        WireAssert.SameFields<StartCallResult>(sim.PrimaryWire.GetProperty("data"));
        var id = started.Data.CallId;
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", id);

        // Listed at once as in_progress, not yet dialled (D4, D6).
        var listed = Assert.Single((await sim.Primary.ListCallsAsync(new CallListQuery { Status = ["in_progress"], PhoneNumber = OutcomeRules.E164(OutcomeRules.PickedSuffix, 1) }, Ct)).Data);
        Assert.Equal(id, listed.CallId);
        var queued = (await sim.Primary.GetCallAsync(id, Ct)).Data;
        Assert.Equal(CallStatus.InProgress, queued.Status);
        Assert.Null(queued.CallPickedAt);
        Assert.Equal(agent.Uuid, queued.AgentUuid);
        Assert.Equal(agent.Name, queued.AgentName);
        Assert.Equal(OutcomeRules.E164(OutcomeRules.PickedSuffix, 1), queued.PhoneNumber);
        Assert.Equal(CallType.Outbound, queued.CallType);
        Assert.Equal("Ravi Kumar", queued.CallerName);
        Assert.Equal(s_ist, queued.CreatedAt.Offset);
        Assert.InRange(queued.CreatedAt, before.AddSeconds(-1), before.AddSeconds(1));
        Assert.Null(queued.Summary);

        // Dialled after the dial delay: call_picked_at is set while it is still under way (D6).
        await sim.AdvanceAsync(TimeSpan.FromSeconds(10));
        var dialled = (await sim.Primary.GetCallAsync(id, Ct)).Data;
        Assert.Equal(CallStatus.InProgress, dialled.Status);
        Assert.Equal(queued.CreatedAt.AddSeconds(2), dialled.CallPickedAt);

        await sim.AdvanceAsync(OutcomeRules.ForcedCallSettlesWithin);
        var ended = (await sim.Primary.GetCallAsync(id, Ct)).Data;
        Assert.Equal(CallStatus.Picked, ended.Status);
        Assert.True(ended.Status.IsTerminal);
        Assert.Equal(OutcomeRules.ForcedTalkSeconds, ended.DurationSeconds);
        Assert.Equal(dialled.CallPickedAt, ended.CallPickedAt);
        Assert.Equal(0, ended.RetryCount);
        Assert.False(string.IsNullOrEmpty(ended.CallEndedBy));
        Assert.False(string.IsNullOrEmpty(ended.CallEndedReason));
        Assert.False(string.IsNullOrEmpty(ended.Summary));
        Assert.NotNull(ended.DataCaptured);
        Assert.NotEmpty(ended.PostCallAnalysis!);
        Assert.Null(ended.CampaignId);
        Assert.Null(ended.CampaignUploadId);
        Assert.Contains((await sim.Primary.ListCallsAsync(new CallListQuery { Status = ["picked"], AgentUuid = agent.Uuid, PerPage = 100 }, Ct)).Data, c => c.CallId == id);
    }

    [Fact]
    public async Task StartCallAsync_ForcedNumbers_EachEndInTheOutcomeItsRuleForces()
    {
        var expected = new Dictionary<string, CallStatus>
        {
            [OutcomeRules.NotPickedSuffix] = CallStatus.NotPicked,
            [OutcomeRules.BusySuffix] = CallStatus.Busy,
            [OutcomeRules.FailedSuffix] = CallStatus.Failed,
            [OutcomeRules.VoicemailSuffix] = CallStatus.Voicemail,
        };
        var ids = new Dictionary<string, string>();
        foreach (var suffix in expected.Keys)
        {
            ids[suffix] = (await sim.Primary.StartCallAsync(Call(suffix, 2), Ct)).Data.CallId;
        }

        await sim.AdvanceAsync(OutcomeRules.ForcedCallSettlesWithin);

        foreach (var (suffix, status) in expected)
        {
            var call = (await sim.Primary.GetCallAsync(ids[suffix], Ct)).Data;
            Assert.Equal(status, call.Status);
            Assert.Equal(0, call.DurationSeconds);
            // D6: dialled, so call_picked_at is set although nobody answered.
            Assert.NotNull(call.CallPickedAt);
            Assert.Null(call.Summary);
            Assert.Empty((await sim.Primary.GetTranscriptAsync(ids[suffix], Ct)).Data.Transcript);
        }
    }

    [Fact]
    public async Task StartCallAsync_MaxCallDuration_CapsALongAnsweredCall()
    {
        var request = Call(OutcomeRules.LongCallSuffix, 13) with { CallConfigOverrides = new CallConfigOverrides { MaxCallDurationSeconds = 300 } };
        var id = (await sim.Primary.StartCallAsync(request, Ct)).Data.CallId;

        await sim.AdvanceAsync(TimeSpan.FromMinutes(10));
        var call = (await sim.Primary.GetCallAsync(id, Ct)).Data;

        Assert.Equal((CallStatus.Picked, 300), (call.Status, call.DurationSeconds));
        Assert.True((await sim.Primary.GetTranscriptAsync(id, Ct)).Data.Transcript[^1].EndSeconds <= 300);
    }

    [Fact]
    public async Task StartCallAsync_RetryConfig_NotPickedFirstThenPickedOnTheRetryWithItsCount()
    {
        var request = Call(OutcomeRules.PickedOnRetrySuffix, 3) with
        {
            CallConfigOverrides = new CallConfigOverrides { RetryConfig = new RetryConfig { Enabled = true, MaxAttempts = 1, IntervalMinutes = 30 } },
        };
        var id = (await sim.Primary.StartCallAsync(request, Ct)).Data.CallId;

        await sim.AdvanceAsync(OutcomeRules.ForcedCallSettlesWithin);
        var first = (await sim.Primary.GetCallAsync(id, Ct)).Data;
        await sim.AdvanceAsync(TimeSpan.FromMinutes(30) + OutcomeRules.ForcedCallSettlesWithin);
        var retried = (await sim.Primary.GetCallAsync(id, Ct)).Data;

        Assert.Equal((CallStatus.NotPicked, 0), (first.Status, first.RetryCount));
        Assert.Equal((CallStatus.Picked, 1), (retried.Status, retried.RetryCount));
    }

    [Fact]
    public async Task StartCallAsync_WebhookUrl_TheW1PayloadReadsIntoTheClientsWebhookType()
    {
        var hook = new Uri($"https://hooks.example.com/osvi/{Guid.NewGuid():N}");
        var agent = sim.Dialler();
        var id = (await sim.Primary.StartCallAsync(Call(OutcomeRules.PickedSuffix, 4) with { WebhookUrl = hook.ToString() }, Ct)).Data.CallId;

        await sim.AdvanceAsync(OutcomeRules.ForcedCallSettlesWithin);
        var payload = JsonSerializer.Deserialize<CallCompletedWebhook>(await sim.Webhooks.BodyForAsync(hook), OsviJson.Options)!;

        Assert.Equal(id, payload.CallLogId);
        Assert.Equal(CallStatus.Picked, payload.CallStatus);
        Assert.Equal(agent.Uuid, payload.AgentUuid);
        Assert.Equal(agent.Name, payload.AgentName);
        Assert.Equal(OutcomeRules.E164(OutcomeRules.PickedSuffix, 4), payload.PhoneNumber);
        Assert.Equal("prod", payload.ExecutionMode);
        Assert.Null(payload.Extra);
        var turns = (await sim.Primary.GetTranscriptAsync(id, Ct)).Data.Transcript;
        Assert.Equal(string.Join("\n", turns.Select(t => $"{(t.Role == TranscriptRole.Agent ? "Agent" : "User")}: {t.Content}")), payload.Chat);
        Assert.Equal(1, sim.Webhooks.CountFor(hook));
    }

    [Fact]
    public async Task StartCallAsync_InvalidFields_Is400WithEachFieldsError()
    {
        var request = new StartCallRequest
        {
            AgentUuid = sim.Dialler().Uuid,
            PhoneNumber = "12345",
            CountryCode = "IN",
            WebhookUrl = "ftp://example.com/hook",
            InitialGreeting = new string('a', 2_001),
            CallConfigOverrides = new CallConfigOverrides { MaxCallDurationSeconds = 5 },
        };

        var error = await OsviAssert.FailsAsync(() => sim.Primary.StartCallAsync(request, Ct), OsviErrorKind.Validation, 400,
            "call_config_overrides.max_call_duration_seconds must be between 10 and 3600");

        OsviAssert.FieldErrors(error,
            ("call_config_overrides.max_call_duration_seconds", "call_config_overrides.max_call_duration_seconds must be between 10 and 3600"),
            ("phone_number", "phone_number is not a valid phone number for IN"),
            ("webhook_url", "webhook_url must be a valid HTTP or HTTPS URL with a host"),
            ("initial_greeting", "initial_greeting must be at most 2000 characters"));
    }

    [Fact]
    public async Task StartCallAsync_UnknownCountry_Is400NamingCountryCode()
    {
        var error = await OsviAssert.FailsAsync(() => sim.Primary.StartCallAsync(Call(OutcomeRules.PickedSuffix, 5) with { CountryCode = "XX" }, Ct),
            OsviErrorKind.Validation, 400, "country_code is not a valid ISO 3166-1 alpha-2 country code");

        OsviAssert.FieldErrors(error, ("country_code", "country_code is not a valid ISO 3166-1 alpha-2 country code"));
    }

    [Fact]
    public async Task StartCallAsync_RequiredFieldEmpty_Is400ParamMissingWithoutDetails()
    {
        var error = await OsviAssert.FailsAsync(() => sim.Primary.StartCallAsync(Call(OutcomeRules.PickedSuffix, 6) with { AgentUuid = "" }, Ct),
            OsviErrorKind.Validation, 400, "param is missing or the value is empty: agent_uuid");

        Assert.Empty(error.FieldErrors);
    }

    [Fact]
    public async Task StartCallAsync_AgentOfAnotherAccount_Is403AndPlacesNoCall()
    {
        var foreign = sim.Dialler(account: 1).Uuid;
        var phone = OutcomeRules.E164(OutcomeRules.PickedSuffix, 7);

        var error = await OsviAssert.FailsAsync(() => sim.Primary.StartCallAsync(Call(OutcomeRules.PickedSuffix, 7, foreign), Ct),
            OsviErrorKind.Forbidden, 403, "Agent does not belong to this account");

        Assert.Empty(error.FieldErrors);
        Assert.Equal(0, (await sim.Primary.ListCallsAsync(new CallListQuery { PhoneNumber = phone }, Ct)).Meta.TotalCount);
        Assert.Equal(0, (await sim.Secondary.ListCallsAsync(new CallListQuery { PhoneNumber = phone }, Ct)).Meta.TotalCount);
    }

    [Fact]
    public async Task StartCallAsync_InactiveAgent_Is400NamingTheAgent()
    {
        var inactive = sim.Agent(AgentState.Inactive).Uuid;

        var error = await OsviAssert.FailsAsync(() => sim.Primary.StartCallAsync(Call(OutcomeRules.PickedSuffix, 8, inactive), Ct),
            OsviErrorKind.Validation, 400, "agent_uuid is not an active agent");

        OsviAssert.FieldErrors(error, ("agent_uuid", "agent_uuid is not an active agent"));
    }

    [Fact]
    public async Task StartCallAsync_NumberOnTheAgentsDndList_Is400D5()
    {
        var request = Call(OutcomeRules.PickedSuffix, 9);
        using var added = await sim.Primary.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = request.AgentUuid, Phone = request.PhoneNumber }, Ct);
        OsviAssert.Succeeded(added, 201);

        var error = await OsviAssert.FailsAsync(() => sim.Primary.StartCallAsync(request, Ct), OsviErrorKind.Validation, 400, "phone_number is on the agent's DND list");

        OsviAssert.FieldErrors(error, ("phone_number", "phone_number is on the agent's DND list"));
        Assert.Equal(0, (await sim.Primary.ListCallsAsync(new CallListQuery { PhoneNumber = OutcomeRules.E164(OutcomeRules.PickedSuffix, 9) }, Ct)).Meta.TotalCount);
    }

    [Fact]
    public async Task StartCallAsync_DndNumberWhenTheServiceCreatesTheCall_EndsFailedUndialled()
    {
        // D5's alternative: the call is created and ends failed; the client reads it like any other call.
        var request = Call(OutcomeRules.PickedSuffix, 10);
        using var added = await sim.Primary.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = request.AgentUuid, Phone = request.PhoneNumber }, Ct);
        await sim.SetSettingsAsync(new { dnd_call_behavior = "fail_call" });
        try
        {
            var id = (await sim.Primary.StartCallAsync(request, Ct)).Data.CallId;
            var call = (await sim.Primary.GetCallAsync(id, Ct)).Data;

            Assert.Equal(CallStatus.Failed, call.Status);
            Assert.Null(call.CallPickedAt);
            Assert.Equal("dnd-skipped", call.CallEndedReason);
        }
        finally
        {
            await sim.ResetSettingsAsync();
        }
    }

    [Fact]
    public async Task StartCallAsync_IntroValidationStyle_Is422WithTheErrorsArray()
    {
        // §6.1: the intro page documents 422 {"success":false,"errors":[…]} for what the v1 pages answer with 400.
        await sim.SetSettingsAsync(new { validation_style = "intro" });
        try
        {
            var invalid = await OsviAssert.FailsAsync(() => sim.Primary.StartCallAsync(Call(OutcomeRules.PickedSuffix, 11) with { PhoneNumber = "12345" }, Ct),
                OsviErrorKind.Validation, 422, "phone_number is not a valid phone number for IN");
            var missing = await OsviAssert.FailsAsync(() => sim.Primary.StartCallAsync(Call(OutcomeRules.PickedSuffix, 11) with { CountryCode = "" }, Ct),
                OsviErrorKind.Validation, 422, "param is missing or the value is empty: country_code");

            OsviAssert.FieldErrors(invalid, ("", "phone_number is not a valid phone number for IN"));
            OsviAssert.FieldErrors(missing, ("", "param is missing or the value is empty: country_code"));
        }
        finally
        {
            await sim.ResetSettingsAsync();
        }
    }

    [Fact]
    public async Task StartCallAsync_PrefixedCallIdStyle_KeepsTheIdAsAStringThatGetCallDoesNotFind()
    {
        // D4: the documented example id (call_abc123xyz) is not a UUID and GET /v1/call/{id} answers 404 for it.
        await sim.SetSettingsAsync(new { call_id_style = "prefixed" });
        try
        {
            var id = (await sim.Primary.StartCallAsync(Call(OutcomeRules.PickedSuffix, 12), Ct)).Data.CallId;

            Assert.Matches("^call_[0-9a-f]{32}$", id);
            await OsviAssert.FailsAsync(() => sim.Primary.GetCallAsync(id, Ct), OsviErrorKind.NotFound, 404, "Not found");
        }
        finally
        {
            await sim.ResetSettingsAsync();
        }
    }
}
