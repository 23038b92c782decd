using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Testing.Fakes;
using Osvi.Dashboard.Tests.Support;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Osvi.Dashboard.Tests.Services;

public sealed class OsviGatewayTests
{
    private readonly FakeOsviApi _api = new();
    private readonly FakeLogger<OsviGateway> _logger = new();
    private readonly OsviAuthAlarm _alarm = new();

    private OsviGateway Gateway => new(_api, _alarm, TestOptions.Redactor(), _logger);

    [Fact]
    public async Task SendAsync_OsviAnswers_ReturnsTheMappedValue()
    {
        _api.OnGetActiveAgents = _ => Task.FromResult<IReadOnlyList<ActiveAgent>>([new ActiveAgent { AgentId = "agent_a", Name = "Reminders" }]);

        var result = await Gateway.SendAsync("agents", (api, ct) => api.GetActiveAgentsAsync(ct), agents => agents.Count, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(1, result.Value);
    }

    public static TheoryData<HttpStatusCode, string?, OsviErrorKind, string> Answers => new()
    {
        { HttpStatusCode.BadRequest, """{"success":false,"error":"phone_number is invalid","details":[{"field":"phone_number","message":"is not a valid IN number"}]}""", OsviErrorKind.Validation, "phone_number is invalid" },
        { HttpStatusCode.UnprocessableEntity, """{"success":false,"errors":["Phone has already been taken"]}""", OsviErrorKind.Validation, "Phone has already been taken" },
        { HttpStatusCode.Unauthorized, """{"success":false,"error":"Invalid or missing API token","details":null}""", OsviErrorKind.Unauthorized, "Invalid or missing API token" },
        { HttpStatusCode.Forbidden, """{"message":"Agent belongs to another account"}""", OsviErrorKind.Forbidden, "Agent belongs to another account" },
        { HttpStatusCode.NotFound, """{"success":false,"error":"Not found","details":null}""", OsviErrorKind.NotFound, "Not found" },
        { HttpStatusCode.TooManyRequests, null, OsviErrorKind.RateLimited, "OSVI is rate limiting requests; try again shortly." },
        { HttpStatusCode.InternalServerError, "<html><body>Internal Server Error</body></html>", OsviErrorKind.ServerError, "OSVI had an internal error (HTTP 500); try again later." },
        { HttpStatusCode.BadGateway, "", OsviErrorKind.ServerError, "OSVI had an internal error (HTTP 502); try again later." },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task SendAsync_OsviAnswersWithAnError_MapsItIntoTheTaxonomy(HttpStatusCode status, string? body, OsviErrorKind kind, string message)
    {
        var exception = await OsviFailures.ApiAsync(status, body);
        _api.OnGetActiveAgents = _ => throw exception;

        var result = await Gateway.SendAsync("agents", (api, ct) => api.GetActiveAgentsAsync(ct), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal(kind, result.Error!.Kind);
        Assert.Equal((int)status, result.Error.StatusCode);
        Assert.Equal(message, result.Error.Message);
    }

    [Fact]
    public async Task SendAsync_ValidationDetails_BecomeFieldErrors()
    {
        var exception = await OsviFailures.ApiAsync(HttpStatusCode.BadRequest,
            """{"success":false,"error":"Invalid contacts","details":[{"field":"contacts[3].phone","message":"is not a valid number"},{"field":"agent_uuid","message":"is required"}]}""");
        _api.OnGetActiveAgents = _ => throw exception;

        var result = await Gateway.SendAsync("agents", (api, ct) => api.GetActiveAgentsAsync(ct), TestContext.Current.CancellationToken);

        Assert.Equal([new OsviFieldError("contacts[3].phone", "is not a valid number"), new OsviFieldError("agent_uuid", "is required")], result.Error!.FieldErrors);
    }

    [Fact]
    public async Task SendAsync_RateLimited_CarriesRetryAfter()
    {
        var exception = await OsviFailures.ApiAsync(HttpStatusCode.TooManyRequests, """{"success":false,"error":"Slow down"}""",
            configure: response => response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));
        _api.OnGetActiveAgents = _ => throw exception;

        var result = await Gateway.SendAsync("agents", (api, ct) => api.GetActiveAgentsAsync(ct), TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.FromSeconds(7), result.Error!.RetryAfter);
    }

    public static TheoryData<Exception> TransportFailures => new()
    {
        OsviFailures.Unreachable(),
        new HttpRequestException("No such host is known (api.osvi.ai:443)"),
        new TimeoutRejectedException("timed out", TimeSpan.FromSeconds(10)),
        new BrokenCircuitException("open"),
        new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout", new TimeoutException()),
    };

    [Fact]
    public async Task SendAsync_BreakerHoldsBackAfterRateLimits_SaysRateLimitedUntilOsviAnswersOtherwise()
    {
        var gateway = new OsviGateway(_api, _alarm, TestOptions.Redactor(), _logger, new OsviRateLimitMemory());
        var limited = await OsviFailures.ApiAsync(HttpStatusCode.TooManyRequests, """{"success":false,"error":"Rate limit exceeded"}""",
            configure: response => response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5)));
        Task<ServiceResult<IReadOnlyList<ActiveAgent>>> Send() => gateway.SendAsync("agents", (api, ct) => api.GetActiveAgentsAsync(ct), TestContext.Current.CancellationToken);

        _api.OnGetActiveAgents = _ => throw limited;
        await Send();
        _api.OnGetActiveAgents = _ => throw new BrokenCircuitException("open");
        var heldBack = (await Send()).Error!;

        // Nothing was sent, and OSVI is not away: it is still the rate limit, with OSVI's wait.
        Assert.Equal(OsviErrorKind.RateLimited, heldBack.Kind);
        Assert.Null(heldBack.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), heldBack.RetryAfter);

        // OSVI answered since: an open breaker is an OSVI that keeps failing again.
        _api.OnGetActiveAgents = _ => Task.FromResult<IReadOnlyList<ActiveAgent>>([]);
        await Send();
        _api.OnGetActiveAgents = _ => throw new BrokenCircuitException("open");
        Assert.Equal(OsviErrorKind.Unreachable, (await Send()).Error!.Kind);

        // So it is after a rate limit followed by dropped connections.
        _api.OnGetActiveAgents = _ => throw limited;
        await Send();
        _api.OnGetActiveAgents = _ => throw OsviFailures.Unreachable();
        await Send();
        _api.OnGetActiveAgents = _ => throw new BrokenCircuitException("open");
        Assert.Equal(OsviErrorKind.Unreachable, (await Send()).Error!.Kind);
    }

    [Theory]
    [MemberData(nameof(TransportFailures))]
    public async Task SendAsync_NoAnswer_IsUnreachable(Exception failure)
    {
        _api.OnGetActiveAgents = _ => throw failure;

        var result = await Gateway.SendAsync("agents", (api, ct) => api.GetActiveAgentsAsync(ct), TestContext.Current.CancellationToken);

        Assert.Equal(OsviErrorKind.Unreachable, result.Error!.Kind);
        Assert.Null(result.Error.StatusCode);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_ThrowsInsteadOfReturningAnError()
    {
        using var cancellation = new CancellationTokenSource();
        _api.OnGetActiveAgents = ct =>
        {
            cancellation.Cancel();
            ct.ThrowIfCancellationRequested();
            return Task.FromResult<IReadOnlyList<ActiveAgent>>([]);
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Gateway.SendAsync("agents", (api, ct) => api.GetActiveAgentsAsync(ct), cancellation.Token));
    }

    [Fact]
    public async Task SendAsync_ProgrammingError_Propagates()
    {
        _api.OnGetActiveAgents = _ => throw new NullReferenceException("bug");

        await Assert.ThrowsAsync<NullReferenceException>(() => Gateway.SendAsync("agents", (api, ct) => api.GetActiveAgentsAsync(ct), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SendAsync_Repeated401_LogsLoudlyOnceUntilARequestSucceeds()
    {
        var unauthorized = await OsviFailures.ApiAsync(HttpStatusCode.Unauthorized, """{"success":false,"error":"Invalid or missing API token"}""");
        var fail = true;
        _api.OnGetActiveAgents = _ => fail ? throw unauthorized : Task.FromResult<IReadOnlyList<ActiveAgent>>([]);
        var gateway = Gateway;

        for (var i = 0; i < 5; i++)
        {
            await gateway.SendAsync("agents", (api, ct) => api.GetActiveAgentsAsync(ct), TestContext.Current.CancellationToken);
        }

        var critical = _logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Critical).ToList();
        Assert.Single(critical);
        Assert.Contains("OsviApi:ApiToken", critical[0].Message, StringComparison.Ordinal);

        fail = false;
        await gateway.SendAsync("agents", (api, ct) => api.GetActiveAgentsAsync(ct), TestContext.Current.CancellationToken);
        fail = true;
        await gateway.SendAsync("agents", (api, ct) => api.GetActiveAgentsAsync(ct), TestContext.Current.CancellationToken);

        Assert.Equal(2, _logger.Collector.GetSnapshot().Count(r => r.Level == LogLevel.Critical));
    }

    [Fact]
    public async Task SendAsync_OsviMessageEchoesSecrets_TheyAreRedacted()
    {
        var exception = await OsviFailures.ApiAsync(HttpStatusCode.BadRequest,
            $$"""{"success":false,"error":"token {{TestOptions.Token}} rejected for https://s3.example.com/rec.mp4?X-Amz-Signature=abc123&X-Amz-Expires=900"}""");
        _api.OnGetActiveAgents = _ => throw exception;

        var result = await Gateway.SendAsync("agents", (api, ct) => api.GetActiveAgentsAsync(ct), TestContext.Current.CancellationToken);

        Assert.DoesNotContain(TestOptions.Token, result.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc123", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("https://s3.example.com/rec.mp4?[redacted]", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Translate_ExpectedNon2xxResponse_MapsItAndASuccessToNull()
    {
        var notFound = await OsviFailures.ApiAsync(HttpStatusCode.NotFound, """{"success":false,"error":"Recording not available","details":null}""");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.osvi.ai/v1/call/c1/recording");
        using var failed = new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        using var ok = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request };
        using var failedResponse = new Refit.ApiResponse<string>(failed, null, new Refit.RefitSettings(), notFound);
        using var okResponse = new Refit.ApiResponse<string>(ok, "fine", new Refit.RefitSettings());

        var error = Gateway.Translate("get recording", failedResponse);

        Assert.Equal((OsviErrorKind.NotFound, "Recording not available"), (error!.Kind, error.Message));
        Assert.Null(Gateway.Translate("get recording", okResponse));
    }
}
