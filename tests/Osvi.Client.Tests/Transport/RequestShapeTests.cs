using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using Osvi.Client.Contracts;
using Osvi.Client.Tests.Infrastructure;

namespace Osvi.Client.Tests.Transport;

/// <summary>Every <see cref="IOsviApi"/> method through the real pipeline built by <c>AddOsviClient</c>: method, path,
/// query, body and the single <c>API-Token</c> header as they reach the wire, and the canned answer read back.</summary>
public sealed class RequestShapeTests : IDisposable
{
    private const string AgentUuid = "agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og";
    private const string CallId = "a1b2c3d4-5e6f-7a8b-9c0d-1e2f3a4b5c6d";
    private const string SessionId = "4718a326-417b-4dda-90d0-21fd65a11cb8";

    private readonly OsviClientHarness _harness = new();

    private StubHttpHandler Stub => _harness.Stub;

    private IOsviApi Api => _harness.Api;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task GetActiveAgentsAsync_Always_GetsTheBareArray()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "active_agents.json");

        var agents = await Api.GetActiveAgentsAsync(TestContext.Current.CancellationToken);

        AssertRequest(HttpMethod.Get, "/v1/active_agents");
        Assert.Equal(2, agents.Count);
    }

    [Fact]
    public async Task StartCallAsync_DocumentedRequest_PostsTheDocumentedBody()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "call_start_response.json");
        var request = Fixtures.Deserialize<StartCallRequest>("call_start_request.json");

        var result = await Api.StartCallAsync(request, TestContext.Current.CancellationToken);

        var sent = AssertRequest(HttpMethod.Post, "/v1/call");
        Assert.Equal("application/json", sent.ContentType);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Fixtures.Read("call_start_request.json")), JsonNode.Parse(sent.Body!)), sent.Body);
        Assert.Equal("call_abc123xyz", result.Data.CallId);
    }

    [Fact]
    public async Task StartCallAsync_RequiredFieldsOnly_SendsNoNulls()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "call_start_response.json");

        await Api.StartCallAsync(new StartCallRequest { AgentUuid = AgentUuid, PhoneNumber = "9876543210", CountryCode = "IN" }, TestContext.Current.CancellationToken);

        Assert.Equal($$"""{"agent_uuid":"{{AgentUuid}}","phone_number":"9876543210","country_code":"IN"}""", Stub.SingleRequest.Body);
    }

    [Fact]
    public async Task ListCallsAsync_EveryFilter_SendsEachAsItsSnakeCaseQueryParameter()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "calls_list_response.json");
        var query = new CallListQuery
        {
            Status = ["picked", "busy"],
            AgentUuid = AgentUuid,
            CampaignId = 7,
            CampaignUploadId = 19,
            PhoneNumber = "+91987",
            CallType = "outbound",
            StartDate = "2026-06-01",
            EndDate = "2026-06-30T23:59:59+05:30",
            Page = 2,
            PerPage = 100,
        };

        var page = await Api.ListCallsAsync(query, TestContext.Current.CancellationToken);

        var sent = AssertRequest(HttpMethod.Get, "/v1/calls");
        // Refit percent-encodes the CSV comma (%2C) as it encodes every reserved character in a value; servers decode
        // it back to "picked,busy". A "+" must be encoded, or the server would read a space.
        Assert.Equal(
            "?status=picked%2Cbusy&agent_uuid=agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og&campaign_id=7&campaign_upload_id=19" +
            "&phone_number=%2B91987&call_type=outbound&start_date=2026-06-01&end_date=2026-06-30T23%3A59%3A59%2B05%3A30&page=2&per_page=100",
            sent.Uri.Query);
        var decoded = HttpUtility.ParseQueryString(sent.Uri.Query);
        Assert.Equal("picked,busy", decoded["status"]);
        Assert.Equal("+91987", decoded["phone_number"]);
        Assert.Equal("2026-06-30T23:59:59+05:30", decoded["end_date"]);
        Assert.Equal(CallId, Assert.Single(page.Data).CallId);
    }

    [Fact]
    public async Task ListCallsAsync_OneStatus_SendsASingleValue()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "calls_list_response.json");

        await Api.ListCallsAsync(new CallListQuery { Status = ["voicemail"] }, TestContext.Current.CancellationToken);

        Assert.Equal("/v1/calls?status=voicemail", Stub.SingleRequest.PathAndQuery);
    }

    [Fact]
    public async Task ListCallsAsync_NoFilter_SendsNoQuery()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "calls_list_response.json");

        await Api.ListCallsAsync(new CallListQuery(), TestContext.Current.CancellationToken);

        Assert.Equal("/v1/calls", Stub.SingleRequest.PathAndQuery);
    }

    [Fact]
    public async Task GetCallAsync_Id_IsThePathSegment()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "call_detail_response.json");

        var call = await Api.GetCallAsync(CallId, TestContext.Current.CancellationToken);

        AssertRequest(HttpMethod.Get, $"/v1/call/{CallId}");
        Assert.Equal("Ravi Kumar", call.Data.CallerName);
    }

    [Fact]
    public async Task GetCallAsync_IdWithSlashes_StaysOneEscapedSegment()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "call_detail_response.json");

        await Api.GetCallAsync("../active_agents", TestContext.Current.CancellationToken);

        Assert.Equal("/v1/call/..%2Factive_agents", Stub.SingleRequest.Uri.AbsolutePath);
    }

    [Fact]
    public async Task GetTranscriptAsync_Id_GetsTheTranscript()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "call_transcript_response.json");

        var transcript = await Api.GetTranscriptAsync(CallId, TestContext.Current.CancellationToken);

        AssertRequest(HttpMethod.Get, $"/v1/call/{CallId}/transcript");
        Assert.Equal(2, transcript.Data.Transcript.Count);
    }

    [Fact]
    public async Task GetRecordingAsync_Answered_ReturnsTheUrlInTheResponse()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "call_recording_response.json");

        using var response = await Api.GetRecordingAsync(CallId, TestContext.Current.CancellationToken);

        AssertRequest(HttpMethod.Get, $"/v1/call/{CallId}/recording");
        Assert.True(response.IsSuccessful);
        Assert.Equal(900, response.Content!.Data.ExpiresInSeconds);
        Assert.Null(OsviErrors.FromResponse(response));
    }

    [Fact]
    public async Task GetRecordingAsync_NoRecording_Is404NotFoundWithOsvisMessage()
    {
        Stub.RespondJson(HttpStatusCode.NotFound, """{"success":false,"error":"Recording not available","details":null}""");

        using var response = await Api.GetRecordingAsync(CallId, TestContext.Current.CancellationToken);

        var error = OsviErrors.FromResponse(response);
        Assert.Equal(new OsviError(OsviErrorKind.NotFound, 404, "Recording not available", error!.FieldErrors), error);
        Assert.Empty(error.FieldErrors);
        Assert.Single(Stub.Requests);
    }

    [Fact]
    public async Task AddCampaignContactsAsync_DocumentedRequest_PostsItToTheCampaign()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "campaign_contacts_response.json");
        var request = Fixtures.Deserialize<AddContactsRequest>("campaign_contacts_request.json");

        var result = await Api.AddCampaignContactsAsync(7, request, TestContext.Current.CancellationToken);

        var sent = AssertRequest(HttpMethod.Post, "/v1/campaigns/7/contacts");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Fixtures.Read("campaign_contacts_request.json")), JsonNode.Parse(sent.Body!)), sent.Body);
        Assert.Equal(19, result.Data.CampaignUploadId);
    }

    [Fact]
    public async Task GetCampaignStatusAsync_Id_GetsTheSnapshot()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "campaign_status_response.json");

        var status = await Api.GetCampaignStatusAsync(7, TestContext.Current.CancellationToken);

        AssertRequest(HttpMethod.Get, "/v1/campaigns/7/status");
        Assert.Equal("June Renewals", status.Data.Campaign.Name);
    }

    [Theory]
    [InlineData(HttpStatusCode.Created)]
    [InlineData(HttpStatusCode.OK)]
    public async Task AddDndNumberAsync_201Or200_ReturnsTheEntry(HttpStatusCode status)
    {
        Stub.RespondWithFixture(status, "dnd_add_response_201.json");

        using var response = await Api.AddDndNumberAsync(
            new AddDndNumberRequest { AgentUuid = AgentUuid, Phone = "9876543210", Reason = "customer opted out" }, TestContext.Current.CancellationToken);

        var sent = AssertRequest(HttpMethod.Post, "/v1/dnd_numbers");
        Assert.Equal($$"""{"agent_uuid":"{{AgentUuid}}","phone":"9876543210","reason":"customer opted out"}""", sent.Body);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("+919876543210", response.Content!.Data.Phone);
        Assert.Null(OsviErrors.FromResponse(response));
    }

    [Fact]
    public async Task AddDndNumberAsync_DuplicateD2_Is422ValidationWithOsvisMessage()
    {
        Stub.RespondWithFixture((HttpStatusCode)422, "error_dnd_duplicate_422.json");

        using var response = await Api.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = AgentUuid, Phone = "9876543210" }, TestContext.Current.CancellationToken);

        Assert.Equal("""{"agent_uuid":"agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og","phone":"9876543210"}""", Stub.SingleRequest.Body);
        var error = OsviErrors.FromResponse(response)!;
        Assert.Equal(OsviErrorKind.Validation, error.Kind);
        Assert.Equal(422, error.StatusCode);
        Assert.Equal("Phone has already been taken", error.Message);
        Assert.Equal([new OsviFieldError("", "Phone has already been taken")], error.FieldErrors);
    }

    [Fact]
    public async Task ListDndNumbersAsync_Query_SendsAgentSearchAndPaging()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "dnd_list_response.json");

        var page = await Api.ListDndNumbersAsync(
            new DndListQuery { AgentUuid = AgentUuid, Search = "+9198", Page = 3, PerPage = 50 }, TestContext.Current.CancellationToken);

        var sent = AssertRequest(HttpMethod.Get, "/v1/dnd_numbers");
        Assert.Equal($"?agent_uuid={AgentUuid}&search=%2B9198&page=3&per_page=50", sent.Uri.Query);
        Assert.Equal(2, page.Data.Count);
    }

    [Fact]
    public async Task RemoveDndNumberAsync_Removed_SendsQueryParametersAndNoBody()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "dnd_remove_response.json");

        using var response = await Api.RemoveDndNumberAsync(AgentUuid, "+919876543210", TestContext.Current.CancellationToken);

        var sent = AssertRequest(HttpMethod.Delete, "/v1/dnd_numbers");
        Assert.Equal($"?agent_uuid={AgentUuid}&phone=%2B919876543210", sent.Uri.Query);
        Assert.Null(sent.Body);
        Assert.Equal("Phone removed from DND list", response.Content!.Message);
        Assert.Null(OsviErrors.FromResponse(response));
    }

    [Fact]
    public async Task RemoveDndNumberAsync_NotOnTheListD3_Is404NotFound()
    {
        Stub.RespondWithFixture(HttpStatusCode.NotFound, "error_dnd_not_found_404.json");

        using var response = await Api.RemoveDndNumberAsync(AgentUuid, "+919876543210", TestContext.Current.CancellationToken);

        var error = OsviErrors.FromResponse(response)!;
        Assert.Equal(OsviErrorKind.NotFound, error.Kind);
        Assert.Equal("Phone not found in DND list", error.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Created)]
    public async Task CreateChatSessionAsync_200Or201_PostsAndReadsTheSession(HttpStatusCode status)
    {
        Stub.RespondWithFixture(status, "chat_session_response.json");
        var request = new CreateChatSessionRequest
        {
            AgentUuid = AgentUuid,
            CustomerId = "+15551112222",
            InputFields = new Dictionary<string, JsonElement> { ["plan"] = JsonSerializer.SerializeToElement("Pro") },
            Context = ["Initial context for this chat"],
        };

        var session = await Api.CreateChatSessionAsync(request, TestContext.Current.CancellationToken);

        var sent = AssertRequest(HttpMethod.Post, "/v1/chat/session");
        Assert.Equal($$"""{"agent_uuid":"{{AgentUuid}}","customer_id":"+15551112222","input_fields":{"plan":"Pro"},"context":["Initial context for this chat"]}""", sent.Body);
        Assert.Equal(SessionId, session.Data.Id);
    }

    [Fact]
    public async Task SendInboundMessageAsync_WithoutSession_PostsTheMessage()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "chat_inbound_response.json");

        var result = await Api.SendInboundMessageAsync(
            new InboundMessageRequest { AgentUuid = AgentUuid, CustomerId = "+15551112222", Content = "Where is my order?" }, TestContext.Current.CancellationToken);

        var sent = AssertRequest(HttpMethod.Post, "/v1/chat/inbound");
        Assert.Equal($$"""{"agent_uuid":"{{AgentUuid}}","customer_id":"+15551112222","content":"Where is my order?"}""", sent.Body);
        Assert.Equal("default", result.Data.State);
    }

    [Fact]
    public async Task GetActiveChatSessionAsync_WithAgent_ReadsOneSession()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "chat_session_response.json");

        using var response = await Api.GetActiveChatSessionAsync("+15551112222", AgentUuid, TestContext.Current.CancellationToken);

        var sent = AssertRequest(HttpMethod.Get, "/v1/chat/session/active");
        Assert.Equal($"?customer_id=%2B15551112222&agent_uuid={AgentUuid}", sent.Uri.Query);
        Assert.Equal(SessionId, response.Content!.Data.Id);
    }

    [Fact]
    public async Task GetActiveChatSessionAsync_NoActiveSession_Is404NotFound()
    {
        Stub.RespondJson(HttpStatusCode.NotFound, """{"success":false,"error":"Not found","details":null}""");

        using var response = await Api.GetActiveChatSessionAsync("+15551112222", AgentUuid, TestContext.Current.CancellationToken);

        Assert.Equal(OsviErrorKind.NotFound, OsviErrors.FromResponse(response)!.Kind);
    }

    [Fact]
    public async Task GetActiveChatSessionsAsync_WithoutAgent_ReadsTheMapKeyedByAgent()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "chat_active_sessions_map.json");

        var sessions = await Api.GetActiveChatSessionsAsync("+15551112222", TestContext.Current.CancellationToken);

        var sent = AssertRequest(HttpMethod.Get, "/v1/chat/session/active");
        Assert.Equal("?customer_id=%2B15551112222", sent.Uri.Query);
        Assert.Equal(2, sessions.Data.Count);
        Assert.Equal(SessionId, sessions.Data[AgentUuid].Id);
    }

    [Fact]
    public async Task SendSupportCommandAsync_PlainMessage_SendsOnlyTheMessage()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "chat_support_response.json");

        await Api.SendSupportCommandAsync(SessionId, new SupportCommandRequest { Message = "A human here." }, TestContext.Current.CancellationToken);

        var sent = AssertRequest(HttpMethod.Post, $"/v1/chat/session/{SessionId}/support");
        Assert.Equal("""{"message":"A human here."}""", sent.Body);
    }

    [Fact]
    public async Task SendSupportCommandAsync_Takeover_SendsTheCommandAndReadsTheResult()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "chat_support_response.json");

        var result = await Api.SendSupportCommandAsync(
            SessionId, new SupportCommandRequest { Command = SupportCommand.Takeover, Message = "Taking over" }, TestContext.Current.CancellationToken);

        Assert.Equal("""{"command":"takeover","message":"Taking over"}""", Stub.SingleRequest.Body);
        Assert.Equal("agent@yourco.com", result.Data.ActiveHuman);
    }

    [Fact]
    public async Task InjectContextAsync_Entry_PostsOneContextString()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "chat_inject_context_response.json");

        var result = await Api.InjectContextAsync(SessionId, new InjectContextRequest { Context = "Earlier voice call: refund." }, TestContext.Current.CancellationToken);

        var sent = AssertRequest(HttpMethod.Post, $"/v1/chat/session/{SessionId}/inject_context");
        Assert.Equal("""{"context":"Earlier voice call: refund."}""", sent.Body);
        Assert.Equal(2, result.Data.Context.Count);
    }

    [Fact]
    public async Task AnyCall_TokenRotatedInConfiguration_UsesTheNewTokenAtOnce()
    {
        Stub.RespondWithFixture(HttpStatusCode.OK, "active_agents.json");
        await Api.GetActiveAgentsAsync(TestContext.Current.CancellationToken);

        _harness.Configuration["OsviApi:ApiToken"] = "rotated-token-16";
        _harness.Configuration.Reload();
        await Api.GetActiveAgentsAsync(TestContext.Current.CancellationToken);

        Assert.Equal([[OsviClientHarness.Token], ["rotated-token-16"]], Stub.Requests.Select(r => r.HeaderValues("API-Token")));
    }

    [Theory]
    [InlineData("https://gateway.test/osvi")]
    [InlineData("https://gateway.test/osvi/")]
    public async Task AnyCall_BaseUrlWithAPathPrefix_KeepsThePrefix(string baseUrl)
    {
        using var harness = new OsviClientHarness(s => s["OsviApi:BaseUrl"] = baseUrl);
        harness.Stub.RespondWithFixture(HttpStatusCode.OK, "active_agents.json");

        await harness.Api.GetActiveAgentsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new Uri("https://gateway.test/osvi/v1/active_agents"), harness.Stub.SingleRequest.Uri);
    }

    /// <summary>One request was sent, with this method and path, to the configured host, with the token exactly once.</summary>
    private RecordedRequest AssertRequest(HttpMethod method, string path)
    {
        var sent = Stub.SingleRequest;
        Assert.Equal(method, sent.Method);
        Assert.Equal(path, sent.Uri.AbsolutePath);
        Assert.Equal("osvi.test", sent.Uri.Host);
        Assert.Equal([OsviClientHarness.Token], sent.HeaderValues("API-Token"));
        return sent;
    }
}
