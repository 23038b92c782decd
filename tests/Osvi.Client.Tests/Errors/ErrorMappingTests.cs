using System.Net;
using System.Net.Http.Headers;
using Osvi.Client.Contracts;
using Osvi.Client.Tests.Infrastructure;
using Refit;

namespace Osvi.Client.Tests.Errors;

/// <summary>Every D1 body shape and every status, from a real <see cref="IOsviApi"/> call to one <see cref="OsviError"/>.
/// Writes are used where a 5xx would otherwise be retried, so each case is one request.</summary>
public sealed class ErrorMappingTests : IDisposable
{
    private readonly OsviClientHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task StartCall_400WithDetails_IsValidationWithFieldErrors()
    {
        _harness.Stub.RespondWithFixture(HttpStatusCode.BadRequest, "error_validation_details_400.json");

        var error = await StartCallErrorAsync();

        Assert.Equal(OsviErrorKind.Validation, error.Kind);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("Validation failed", error.Message);
        Assert.Equal(
            [new OsviFieldError("contacts[0].phone", "is not a valid phone number"), new OsviFieldError("contacts[3].phone", "is missing")],
            error.FieldErrors);
    }

    [Fact]
    public async Task RemoveDnd_Documented400MissingParam_IsValidationWithOsvisMessage()
    {
        _harness.Stub.RespondWithFixture(HttpStatusCode.BadRequest, "error_dnd_remove_missing_param_400.json");

        using var response = await _harness.Api.RemoveDndNumberAsync("agent_a", "", TestContext.Current.CancellationToken);

        var error = OsviErrors.FromResponse(response)!;
        Assert.Equal(OsviErrorKind.Validation, error.Kind);
        Assert.Equal("param is missing or the value is empty: phone", error.Message);
        Assert.Empty(error.FieldErrors);
    }

    [Fact]
    public async Task StartCall_Intro422ErrorsArray_IsValidationWithTheFirstErrorAsMessage()
    {
        _harness.Stub.RespondWithFixture((HttpStatusCode)422, "error_intro_validation_422.json");

        var error = await StartCallErrorAsync();

        Assert.Equal(OsviErrorKind.Validation, error.Kind);
        Assert.Equal(422, error.StatusCode);
        Assert.Equal("field is required", error.Message);
        Assert.Equal([new OsviFieldError("", "field is required")], error.FieldErrors);
    }

    [Fact]
    public async Task StartCall_RailsStyleErrorsMap_IsValidationWithNamedFields()
    {
        _harness.Stub.RespondJson((HttpStatusCode)422, """{"success":false,"errors":{"phone_number":["is invalid","is too short"]}}""");

        var error = await StartCallErrorAsync();

        Assert.Equal("is invalid", error.Message);
        Assert.Equal([new OsviFieldError("phone_number", "is invalid"), new OsviFieldError("phone_number", "is too short")], error.FieldErrors);
    }

    [Fact]
    public async Task StartCall_401_IsUnauthorizedWithOsvisMessage()
    {
        _harness.Stub.RespondWithFixture(HttpStatusCode.Unauthorized, "error_unauthorized_401.json");

        var error = await StartCallErrorAsync();

        Assert.Equal(new OsviError(OsviErrorKind.Unauthorized, 401, "Invalid or missing API token", error.FieldErrors), error);
    }

    [Fact]
    public async Task GetActiveAgents_401WithoutBody_IsUnauthorizedNamingTheConfigurationKeyAndNotRetried()
    {
        _harness.Stub.Respond(HttpStatusCode.Unauthorized);

        var error = await ErrorOfAsync(() => _harness.Api.GetActiveAgentsAsync(TestContext.Current.CancellationToken));

        Assert.Equal(OsviErrorKind.Unauthorized, error.Kind);
        Assert.Equal("OSVI rejected the API token; check OsviApi:ApiToken.", error.Message);
        Assert.Single(_harness.Stub.Requests);
    }

    [Fact]
    public async Task StartCall_403_IsForbidden()
    {
        _harness.Stub.RespondJson(HttpStatusCode.Forbidden, """{"success":false,"error":"Agent does not belong to this account","details":null}""");

        var error = await StartCallErrorAsync();

        Assert.Equal(OsviErrorKind.Forbidden, error.Kind);
        Assert.Equal(403, error.StatusCode);
        Assert.Equal("Agent does not belong to this account", error.Message);
    }

    [Fact]
    public async Task GetCall_404_IsNotFoundAndNotRetried()
    {
        _harness.Stub.RespondJson(HttpStatusCode.NotFound, """{"success":false,"error":"Not found","details":null}""");

        var error = await ErrorOfAsync(() => _harness.Api.GetCallAsync("not-a-uuid", TestContext.Current.CancellationToken));

        Assert.Equal(new OsviError(OsviErrorKind.NotFound, 404, "Not found", error.FieldErrors), error);
        Assert.Single(_harness.Stub.Requests);
    }

    [Fact]
    public async Task GetCall_404MessageOnlyBody_UsesTheMessage()
    {
        _harness.Stub.RespondWithFixture(HttpStatusCode.NotFound, "error_message_only.json");

        var error = await ErrorOfAsync(() => _harness.Api.GetCallAsync("c1", TestContext.Current.CancellationToken));

        Assert.Equal("Agent not found", error.Message);
    }

    [Fact]
    public async Task GetCall_404EmptyBody_HasAPlainMessage()
    {
        _harness.Stub.Respond(HttpStatusCode.NotFound);

        var error = await ErrorOfAsync(() => _harness.Api.GetCallAsync("c1", TestContext.Current.CancellationToken));

        Assert.Equal("OSVI has no such item.", error.Message);
    }

    [Fact]
    public async Task StartCall_429WithRetryAfter_IsRateLimitedWithTheWaitAndNotRetried()
    {
        _harness.Stub.Respond((HttpStatusCode)429, """{"success":false,"error":"Rate limit exceeded","details":null}""",
            configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));

        var error = await StartCallErrorAsync();

        Assert.Equal(OsviErrorKind.RateLimited, error.Kind);
        Assert.Equal(429, error.StatusCode);
        Assert.Equal("Rate limit exceeded", error.Message);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Single(_harness.Stub.Requests);
    }

    [Fact]
    public async Task StartCall_429WithRetryAfterDateAndNoBody_SaysWhenToTryAgain()
    {
        _harness.Stub.Respond((HttpStatusCode)429,
            configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(90)));

        var error = await StartCallErrorAsync();

        Assert.Equal(OsviErrorKind.RateLimited, error.Kind);
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(80), TimeSpan.FromSeconds(90));
        Assert.Matches(@"^OSVI is rate limiting requests; try again in (8\d|90) s\.$", error.Message);
    }

    [Fact]
    public async Task StartCall_500Json_IsServerErrorWithOsvisMessage()
    {
        _harness.Stub.RespondWithFixture(HttpStatusCode.InternalServerError, "error_server_500.json");

        var error = await StartCallErrorAsync();

        Assert.Equal(new OsviError(OsviErrorKind.ServerError, 500, "Internal server error", error.FieldErrors), error);
    }

    [Fact]
    public async Task StartCall_502Html_IsServerErrorWithoutAnyMarkup()
    {
        _harness.Stub.Respond(HttpStatusCode.BadGateway, Fixtures.Read("error_bad_gateway_502.html"), "text/html");

        var error = await StartCallErrorAsync();

        Assert.Equal(OsviErrorKind.ServerError, error.Kind);
        Assert.Equal(502, error.StatusCode);
        Assert.Equal("OSVI had an internal error (HTTP 502); try again later.", error.Message);
        Assert.Empty(error.FieldErrors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("Service Unavailable")]
    [InlineData("[1,2")]
    [InlineData("\"just a string\"")]
    public async Task StartCall_503EmptyOrGarbageBody_IsServerErrorWithAPlainMessage(string? body)
    {
        _harness.Stub.Respond(HttpStatusCode.ServiceUnavailable, body, "text/plain");

        var error = await StartCallErrorAsync();

        Assert.Equal(new OsviError(OsviErrorKind.ServerError, 503, "OSVI had an internal error (HTTP 503); try again later.", error.FieldErrors), error);
        Assert.Empty(error.FieldErrors);
    }

    [Fact]
    public async Task StartCall_UndocumentedStatus_IsUnexpected()
    {
        _harness.Stub.Respond((HttpStatusCode)418);

        var error = await StartCallErrorAsync();

        Assert.Equal(new OsviError(OsviErrorKind.Unexpected, 418, "OSVI answered with an unexpected HTTP 418.", error.FieldErrors), error);
    }

    [Fact]
    public async Task GetCall_200WithUnreadableBody_IsUnexpected()
    {
        _harness.Stub.RespondJson(HttpStatusCode.OK, """{"success":true,"data":{"call_id":"c1","created_at":"not a date"}}""");

        var error = await ErrorOfAsync(() => _harness.Api.GetCallAsync("c1", TestContext.Current.CancellationToken));

        Assert.Equal(OsviErrorKind.Unexpected, error.Kind);
        Assert.Equal("OSVI sent a response this client could not read (HTTP 200).", error.Message);
    }

    [Fact]
    public async Task StartCall_LongMultiLineMessage_IsOneLineAndCapped()
    {
        var longText = string.Join("\n", Enumerable.Repeat("line of text", 100));
        _harness.Stub.RespondJson(HttpStatusCode.BadRequest, $$"""{"success":false,"error":{{System.Text.Json.JsonSerializer.Serialize(longText)}}}""");

        var error = await StartCallErrorAsync();

        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(501, error.Message.Length);
        Assert.EndsWith("…", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartCall_ConnectionRefused_IsUnreachableAndSentOnce()
    {
        _harness.Stub.Throw(new HttpRequestException("Connection refused (osvi.test:443)"));

        var error = await StartCallErrorAsync();

        Assert.Equal(new OsviError(OsviErrorKind.Unreachable, null, "OSVI could not be reached.", error.FieldErrors), error);
        Assert.Single(_harness.Stub.Requests);
    }

    [Fact]
    public async Task RemoveDnd_ConnectionDropped_IsUnreachableThroughTheResponse()
    {
        _harness.Stub.Throw(new HttpRequestException("The response ended prematurely.", new IOException("reset")));

        using var response = await _harness.Api.RemoveDndNumberAsync("agent_a", "+919876543210", TestContext.Current.CancellationToken);

        var error = OsviErrors.FromResponse(response)!;
        Assert.Equal(OsviErrorKind.Unreachable, error.Kind);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task AnyCall_TokenReloadedInvalid_IsUnauthorizedNamingTheKeyAndNothingIsSent()
    {
        _harness.Configuration["OsviApi:ApiToken"] = "";
        // The options monitor validates on reload and throws to whoever raised it (a file watcher in production).
        Assert.ThrowsAny<Exception>(_harness.Configuration.Reload);

        var error = await ErrorOfAsync(() => _harness.Api.GetActiveAgentsAsync(TestContext.Current.CancellationToken));

        Assert.Equal(OsviErrorKind.Unauthorized, error.Kind);
        Assert.Null(error.StatusCode);
        Assert.StartsWith("OsviApi:ApiToken is required (16 characters); it is empty.", error.Message, StringComparison.Ordinal);
        Assert.Empty(_harness.Stub.Requests);
    }

    [Fact]
    public async Task AnyCall_ThrownOsviFailure_FromExceptionAndTryFromExceptionAgree()
    {
        _harness.Stub.RespondWithFixture(HttpStatusCode.BadRequest, "error_validation_details_400.json");

        var exception = await Assert.ThrowsAsync<ApiException>(() => _harness.Api.StartCallAsync(Request(), TestContext.Current.CancellationToken));

        Assert.True(OsviErrors.TryFromException(exception, out var viaTry));
        Assert.Equal(viaTry.Message, OsviErrors.FromException(exception).Message);
        Assert.Equal(viaTry.FieldErrors, OsviErrors.FromException(exception).FieldErrors);
    }

    private static StartCallRequest Request() => new() { AgentUuid = "agent_a", PhoneNumber = "9876543210", CountryCode = "IN" };

    private Task<OsviError> StartCallErrorAsync() => ErrorOfAsync(() => _harness.Api.StartCallAsync(Request(), TestContext.Current.CancellationToken));

    private static async Task<OsviError> ErrorOfAsync(Func<Task> call)
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(call);
        Assert.True(OsviErrors.TryFromException(exception, out var error), exception.ToString());
        return error;
    }
}
