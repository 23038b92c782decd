using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Client.Contracts;
using Osvi.Client.Tests.Infrastructure;
using Refit;

namespace Osvi.Client.Tests.Resilience;

/// <summary>The pipeline registered by <c>AddOsviClient</c>: GETs retried on transient failures (honouring
/// <c>Retry-After</c>), writes sent exactly once, timeouts and an open circuit reported as Unreachable, and a cancelled
/// caller token passed through.</summary>
public sealed class ResilienceTests
{
    private const string Ok = """{"success":true,"data":[],"meta":{"current_page":1,"total_pages":0,"total_count":0,"per_page":25}}""";

    [Fact]
    public async Task Get_500ThenOk_IsRetriedAndSucceeds()
    {
        using var harness = new OsviClientHarness();
        harness.Stub.Respond(HttpStatusCode.InternalServerError, "oops").RespondJson(HttpStatusCode.OK, Ok);

        var page = await harness.Api.ListCallsAsync(new CallListQuery(), TestContext.Current.CancellationToken);

        Assert.Empty(page.Data);
        Assert.Equal(2, harness.Stub.Requests.Count);
        Assert.All(harness.Stub.Requests, r => Assert.Equal([OsviClientHarness.Token], r.HeaderValues("API-Token")));
    }

    [Fact]
    public async Task Get_429WithRetryAfter_WaitsThatLongThenSucceeds()
    {
        using var harness = new OsviClientHarness();
        harness.Stub
            .Respond((HttpStatusCode)429, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1)))
            .RespondJson(HttpStatusCode.OK, Ok);

        var stopwatch = Stopwatch.StartNew();
        await harness.Api.ListCallsAsync(new CallListQuery(), TestContext.Current.CancellationToken);

        Assert.Equal(2, harness.Stub.Requests.Count);
        // The backoff alone would be ~10 ms here; only Retry-After explains a wait of about a second.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Get_429WithRetryAfterBeyondTheLimit_ReturnsRateLimitedAtOnce()
    {
        using var harness = new OsviClientHarness();
        harness.Stub.Respond((HttpStatusCode)429, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(2)));

        var stopwatch = Stopwatch.StartNew();
        var exception = await Assert.ThrowsAsync<ApiException>(() => harness.Api.ListCallsAsync(new CallListQuery(), TestContext.Current.CancellationToken));

        var error = OsviErrors.FromException(exception);
        Assert.Equal(OsviErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromMinutes(2), error.RetryAfter);
        Assert.Equal("OSVI is rate limiting requests; try again in 120 s.", error.Message);
        Assert.Single(harness.Stub.Requests);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Get_AlwaysFailing_IsTriedOncePlusMaxRetriesThenServerError()
    {
        using var harness = new OsviClientHarness(s => s["OsviApi:MaxRetries"] = "2");
        harness.Stub.Respond(HttpStatusCode.ServiceUnavailable);

        var exception = await Assert.ThrowsAsync<ApiException>(() => harness.Api.GetActiveAgentsAsync(TestContext.Current.CancellationToken));

        Assert.Equal(OsviErrorKind.ServerError, OsviErrors.FromException(exception).Kind);
        Assert.Equal(3, harness.Stub.Requests.Count);
    }

    [Fact]
    public async Task Get_MaxRetriesZero_IsNeverRetried()
    {
        using var harness = new OsviClientHarness(s => s["OsviApi:MaxRetries"] = "0");
        harness.Stub.Respond(HttpStatusCode.InternalServerError);

        await Assert.ThrowsAsync<ApiException>(() => harness.Api.GetActiveAgentsAsync(TestContext.Current.CancellationToken));

        Assert.Single(harness.Stub.Requests);
    }

    [Fact]
    public async Task Get_ConnectionFailureThenOk_IsRetriedAndSucceeds()
    {
        using var harness = new OsviClientHarness();
        harness.Stub.Throw(new HttpRequestException("Connection reset")).RespondWithFixture(HttpStatusCode.OK, "active_agents.json");

        var agents = await harness.Api.GetActiveAgentsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, agents.Count);
        Assert.Equal(2, harness.Stub.Requests.Count);
    }

    public static TheoryData<string, Func<IOsviApi, CancellationToken, Task>> Writes => new()
    {
        { "POST /v1/call", (api, ct) => api.StartCallAsync(new StartCallRequest { AgentUuid = "agent_a", PhoneNumber = "9876543210", CountryCode = "IN" }, ct) },
        { "POST /v1/campaigns/7/contacts", (api, ct) => api.AddCampaignContactsAsync(7, new AddContactsRequest { AgentUuid = "agent_a", Contacts = [new CampaignContact { Phone = "9876543210" }] }, ct) },
        { "POST /v1/dnd_numbers", (api, ct) => api.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = "agent_a", Phone = "9876543210" }, ct) },
        { "DELETE /v1/dnd_numbers", (api, ct) => api.RemoveDndNumberAsync("agent_a", "9876543210", ct) },
        { "POST /v1/chat/session", (api, ct) => api.CreateChatSessionAsync(new CreateChatSessionRequest { AgentUuid = "agent_a", CustomerId = "c" }, ct) },
        { "POST /v1/chat/inbound", (api, ct) => api.SendInboundMessageAsync(new InboundMessageRequest { AgentUuid = "agent_a", CustomerId = "c", Content = "hi" }, ct) },
        { "POST /v1/chat/session/s1/support", (api, ct) => api.SendSupportCommandAsync("s1", new SupportCommandRequest { Command = SupportCommand.Close }, ct) },
        { "POST /v1/chat/session/s1/inject_context", (api, ct) => api.InjectContextAsync("s1", new InjectContextRequest { Context = "x" }, ct) },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_500_IsSentExactlyOnce(string endpoint, Func<IOsviApi, CancellationToken, Task> call)
    {
        using var harness = new OsviClientHarness();
        harness.Stub.Respond(HttpStatusCode.InternalServerError, "oops");

        await CallIgnoringOsviFailureAsync(() => call(harness.Api, TestContext.Current.CancellationToken));

        var sent = Assert.Single(harness.Stub.Requests);
        Assert.Equal(endpoint, $"{sent.Method} {sent.Uri.AbsolutePath}");
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_429WithShortRetryAfter_IsSentExactlyOnce(string endpoint, Func<IOsviApi, CancellationToken, Task> call)
    {
        using var harness = new OsviClientHarness();
        harness.Stub.Respond((HttpStatusCode)429, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero));

        await CallIgnoringOsviFailureAsync(() => call(harness.Api, TestContext.Current.CancellationToken));

        Assert.Equal(endpoint, $"{Assert.Single(harness.Stub.Requests).Method} {harness.Stub.Requests[0].Uri.AbsolutePath}");
    }

    [Fact]
    public async Task Post_HostAddsResilienceToEveryClient_IsStillSentOnce()
    {
        // eShop-style service defaults: a standard (POST-retrying) handler on every HttpClient of the host.
        using var harness = new OsviClientHarness(configureServices: services =>
            services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler()));
        harness.Stub.Respond(HttpStatusCode.InternalServerError);

        await Assert.ThrowsAsync<ApiException>(() => harness.Api.StartCallAsync(
            new StartCallRequest { AgentUuid = "agent_a", PhoneNumber = "9876543210", CountryCode = "IN" }, TestContext.Current.CancellationToken));

        Assert.Single(harness.Stub.Requests);
    }

    [Fact]
    public async Task Post_ConnectionFailure_IsSentOnceAndUnreachable()
    {
        using var harness = new OsviClientHarness();
        harness.Stub.Throw(new HttpRequestException("Connection reset"));

        var exception = await Assert.ThrowsAsync<ApiRequestException>(() => harness.Api.StartCallAsync(
            new StartCallRequest { AgentUuid = "agent_a", PhoneNumber = "9876543210", CountryCode = "IN" }, TestContext.Current.CancellationToken));

        Assert.Equal(OsviErrorKind.Unreachable, OsviErrors.FromException(exception).Kind);
        Assert.Single(harness.Stub.Requests);
    }

    [Fact]
    public async Task Post_NoAnswerWithinTheAttemptTimeout_IsSentOnceAndUnreachable()
    {
        using var harness = new OsviClientHarness(s =>
        {
            s["OsviApi:AttemptTimeout"] = "00:00:00.200";
            s["OsviApi:TotalTimeout"] = "00:00:05";
        });
        harness.Stub.Hang();

        var stopwatch = Stopwatch.StartNew();
        var exception = await Assert.ThrowsAsync<ApiRequestException>(() => harness.Api.StartCallAsync(
            new StartCallRequest { AgentUuid = "agent_a", PhoneNumber = "9876543210", CountryCode = "IN" }, TestContext.Current.CancellationToken));

        Assert.Equal(new OsviError(OsviErrorKind.Unreachable, null, "OSVI did not answer in time.", []), OsviErrors.FromException(exception) with { FieldErrors = [] });
        Assert.Single(harness.Stub.Requests);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Get_NoAnswerAtAll_RetriesEachTimedOutAttemptUntilTheTotalTimeoutThenUnreachable()
    {
        using var harness = new OsviClientHarness(s =>
        {
            s["OsviApi:AttemptTimeout"] = "00:00:00.150";
            s["OsviApi:TotalTimeout"] = "00:00:00.600";
            s["OsviApi:MaxRetries"] = "10";
        });
        harness.Stub.Hang();

        var stopwatch = Stopwatch.StartNew();
        var exception = await Assert.ThrowsAsync<ApiRequestException>(() => harness.Api.GetActiveAgentsAsync(TestContext.Current.CancellationToken));

        var error = OsviErrors.FromException(exception);
        Assert.Equal(OsviErrorKind.Unreachable, error.Kind);
        Assert.Equal("OSVI did not answer in time.", error.Message);
        Assert.InRange(harness.Stub.Requests.Count, 2, 5);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AnyCall_FailingRepeatedly_OpensTheCircuitAndStopsSending()
    {
        using var harness = new OsviClientHarness(s =>
        {
            s["OsviApi:MaxRetries"] = "0";
            s["OsviApi:CircuitBreakerMinimumThroughput"] = "2";
            s["OsviApi:CircuitBreakerBreakDuration"] = "00:00:30";
        });
        harness.Stub.Respond(HttpStatusCode.InternalServerError);

        await Assert.ThrowsAsync<ApiException>(() => harness.Api.GetActiveAgentsAsync(TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ApiException>(() => harness.Api.GetActiveAgentsAsync(TestContext.Current.CancellationToken));
        var exception = await Assert.ThrowsAsync<ApiRequestException>(() => harness.Api.StartCallAsync(
            new StartCallRequest { AgentUuid = "agent_a", PhoneNumber = "9876543210", CountryCode = "IN" }, TestContext.Current.CancellationToken));

        var error = OsviErrors.FromException(exception);
        Assert.Equal(OsviErrorKind.Unreachable, error.Kind);
        Assert.Equal("OSVI keeps failing; requests are paused for a few seconds to let it recover.", error.Message);
        Assert.Equal(2, harness.Stub.Requests.Count);
    }

    [Fact]
    public async Task AnyCall_CallerCancels_ThrowsOperationCanceledWhichIsNotAnOsviError()
    {
        using var harness = new OsviClientHarness();
        harness.Stub.Hang();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMilliseconds(200));

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Api.GetActiveAgentsAsync(cts.Token));

        Assert.False(OsviErrors.TryFromException(exception, out _));
        Assert.Same(exception, Assert.ThrowsAny<OperationCanceledException>(() => OsviErrors.FromException(exception)));
        Assert.Single(harness.Stub.Requests);
    }

    [Fact]
    public async Task IApiResponseCall_CallerCancels_ThrowsInsteadOfReturningAnError()
    {
        using var harness = new OsviClientHarness();
        harness.Stub.Hang();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Api.GetRecordingAsync("c1", cts.Token));
    }

    private static async Task CallIgnoringOsviFailureAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception exception) when (OsviErrors.TryFromException(exception, out _))
        {
            // IApiResponse methods return the failure; the others throw it. Either way it was reported once.
        }
    }
}
