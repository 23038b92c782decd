using System.Net;
using Osvi.Client.Contracts;
using Osvi.Client.Tests.Infrastructure;
using Refit;

namespace Osvi.Client.Tests.Security;

/// <summary>The API token and presigned recording URLs never show up in an exception, an <see cref="OsviError"/> or a
/// log line, whatever failed; the header is redacted in HttpClient's own logging.</summary>
public sealed class TokenIsolationTests
{
    private const string PresignedSecret = "X-Amz-Signature=0123456789abcdef";

    public static TheoryData<string> Failures => new()
    {
        "401 echoing the token",
        "500 on a GET, retried",
        "502 HTML on a POST",
        "422 on a DND add",
        "timeout on a POST",
        "connection failure on a GET, retried",
        "open circuit",
        "unreadable recording with a presigned URL",
        "500 naming a presigned URL",
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task FailingCall_AnyFailure_NeverLeaksTheTokenOrAPresignedUrl(string failure)
    {
        using var harness = new OsviClientHarness(s =>
        {
            s["OsviApi:AttemptTimeout"] = "00:00:00.200";
            s["OsviApi:TotalTimeout"] = "00:00:02";
            if (failure == "open circuit")
            {
                s["OsviApi:CircuitBreakerMinimumThroughput"] = "2";
            }
        });
        var exception = await FailAsync(harness, failure);

        var error = exception is null ? null : OsviErrors.FromException(exception);
        List<string> texts = [.. harness.LogText()];
        if (exception is not null)
        {
            texts.Add(exception.Message);
            texts.Add(exception.ToString());
            texts.Add(error!.ToString());
            texts.AddRange(error.FieldErrors.Select(f => f.ToString()));
        }

        if (exception is ApiExceptionBase refit)
        {
            Assert.False(refit.RequestMessage.Headers.Contains("API-Token"));
            texts.Add(refit.RequestMessage.ToString());
            texts.Add(refit.RequestContent ?? "");
        }

        if (exception is ApiException api)
        {
            texts.Add(api.Content ?? "");
        }

        Assert.NotEmpty(harness.LogText());
        Assert.All(texts, text =>
        {
            Assert.DoesNotContain(OsviClientHarness.Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(PresignedSecret, text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task FailingCall_401EchoingTheToken_MessageKeepsOsvisWordsWithTheTokenRedacted()
    {
        using var harness = new OsviClientHarness();
        harness.Stub.RespondJson(HttpStatusCode.Unauthorized, $$"""{"success":false,"error":"Invalid token {{OsviClientHarness.Token}}","details":null}""");

        var exception = await Assert.ThrowsAsync<ApiException>(() => harness.Api.GetActiveAgentsAsync(TestContext.Current.CancellationToken));

        Assert.Equal("Invalid token [redacted]", OsviErrors.FromException(exception).Message);
    }

    [Fact]
    public async Task SuccessfulResponse_RequestMessageHandedBack_NoLongerCarriesTheToken()
    {
        using var harness = new OsviClientHarness();
        harness.Stub.RespondWithFixture(HttpStatusCode.OK, "call_recording_response.json");

        using var response = await harness.Api.GetRecordingAsync("c1", TestContext.Current.CancellationToken);

        Assert.Equal([OsviClientHarness.Token], harness.Stub.SingleRequest.HeaderValues("API-Token"));
        Assert.False(response.RequestMessage!.Headers.Contains("API-Token"));
    }

    [Fact]
    public async Task HttpClientLogging_TraceLevel_LogsOneLinePerRequestWithoutHeadersOrQuery()
    {
        using var harness = new OsviClientHarness();
        harness.Stub.RespondWithFixture(HttpStatusCode.OK, "dnd_list_response.json");

        await harness.Api.ListDndNumbersAsync(new DndListQuery { AgentUuid = "agent_a", Search = "+919876" }, TestContext.Current.CancellationToken);

        var record = Assert.Single(harness.Logs.GetSnapshot(), r => r.Category == "Osvi.Client.OsviHttpLogger");
        Assert.Matches(@"^OSVI answered GET /v1/dnd_numbers with 200 in \d+ ms$", record.Message);
        Assert.DoesNotContain(harness.Logs.GetSnapshot(), r => r.Category is { } category && category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.LogText(), line => line.Contains("API-Token", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(harness.LogText(), line => line.Contains("919876", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_ToString_NeverShowsTheToken()
    {
        var options = new OsviApiOptions { ApiToken = OsviClientHarness.Token };

        Assert.DoesNotContain(OsviClientHarness.Token, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("(redacted)", options.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("see https://s3.amazonaws.com/b/rec.mp4?X-Amz-Signature=abc&X-Amz-Expires=900 now", "see https://s3.amazonaws.com/b/rec.mp4?[redacted] now")]
    [InlineData("http://127.0.0.1:5080/recordings/c1.wav?expires=1718000000&signature=ab12", "http://127.0.0.1:5080/recordings/c1.wav?[redacted]")]
    [InlineData("token tok-Secret-12345 rejected", "token [redacted] rejected")]
    [InlineData("https://api.osvi.ai/v1/calls", "https://api.osvi.ai/v1/calls")]
    [InlineData("plain text", "plain text")]
    public void Scrub_Text_RemovesTheTokenAndUrlQueries(string text, string expected)
    {
        Assert.Equal(expected, OsviRedaction.Scrub(text, OsviClientHarness.Token));
    }

    private static async Task<Exception?> FailAsync(OsviClientHarness harness, string failure)
    {
        var ct = TestContext.Current.CancellationToken;
        var call = new StartCallRequest { AgentUuid = "agent_a", PhoneNumber = "9876543210", CountryCode = "IN" };
        switch (failure)
        {
            case "401 echoing the token":
                harness.Stub.RespondJson(HttpStatusCode.Unauthorized, $$"""{"success":false,"error":"Invalid token {{OsviClientHarness.Token}}"}""");
                return await Assert.ThrowsAsync<ApiException>(() => harness.Api.GetActiveAgentsAsync(ct));
            case "500 on a GET, retried":
                harness.Stub.Respond(HttpStatusCode.InternalServerError, "{}");
                return await Assert.ThrowsAsync<ApiException>(() => harness.Api.GetCallAsync("c1", ct));
            case "502 HTML on a POST":
                harness.Stub.Respond(HttpStatusCode.BadGateway, Fixtures.Read("error_bad_gateway_502.html"), "text/html");
                return await Assert.ThrowsAsync<ApiException>(() => harness.Api.StartCallAsync(call, ct));
            case "422 on a DND add":
                harness.Stub.RespondWithFixture((HttpStatusCode)422, "error_dnd_duplicate_422.json");
                using (var response = await harness.Api.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = "agent_a", Phone = "9876543210" }, ct))
                {
                    return response.Error;
                }

            case "timeout on a POST":
                harness.Stub.Hang();
                return await Assert.ThrowsAsync<ApiRequestException>(() => harness.Api.StartCallAsync(call, ct));
            case "connection failure on a GET, retried":
                harness.Stub.Throw(new HttpRequestException("Connection refused (osvi.test:443)"));
                return await Assert.ThrowsAsync<ApiRequestException>(() => harness.Api.GetActiveAgentsAsync(ct));
            case "open circuit":
                harness.Stub.Respond(HttpStatusCode.InternalServerError);
                await Assert.ThrowsAsync<ApiException>(() => harness.Api.StartCallAsync(call, ct));
                await Assert.ThrowsAsync<ApiException>(() => harness.Api.StartCallAsync(call, ct));
                return await Assert.ThrowsAsync<ApiRequestException>(() => harness.Api.StartCallAsync(call, ct));
            case "unreadable recording with a presigned URL":
                harness.Stub.RespondJson(HttpStatusCode.OK,
                    $$$"""{"success":true,"data":{"call_id":"c1","recording_url":"https://s3.amazonaws.com/b/rec.mp4?{{{PresignedSecret}}}","expires_in_seconds":"soon"}}""");
                using (var response = await harness.Api.GetRecordingAsync("c1", ct))
                {
                    Assert.False(response.IsSuccessful);
                    return response.Error;
                }

            case "500 naming a presigned URL":
                harness.Stub.RespondJson(HttpStatusCode.InternalServerError,
                    $$"""{"success":false,"error":"Could not sign https://s3.amazonaws.com/b/rec.mp4?{{PresignedSecret}}"}""");
                return await Assert.ThrowsAsync<ApiException>(() => harness.Api.StartCallAsync(call, ct));
            default:
                throw new ArgumentOutOfRangeException(nameof(failure), failure, null);
        }
    }
}
