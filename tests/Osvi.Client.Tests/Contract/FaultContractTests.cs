using System.Diagnostics;
using Osvi.Client.Contracts;
using Osvi.Client.Tests.Infrastructure;
using Osvi.Simulator;
using Refit;

namespace Osvi.Client.Tests.Contract;

/// <summary>The client's pipeline against the simulator's injected faults (D14, issue 2 "Retries"): GETs that meet a
/// 429 or a 500 are retried and succeed, writes are sent exactly once (counted by the simulator's request log), a
/// dropped connection or a hang is Unreachable, and no failure ever shows the API token. Each test has its own client,
/// so one test's failures never open another's circuit breaker.</summary>
public sealed class FaultContractTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await sim.ClearFaultsAsync();

    [Fact]
    public async Task ListCallsAsync_429OnceWithRetryAfter_IsRetriedAndSucceeds()
    {
        using var client = sim.Client();
        await sim.AddFaultAsync(new { kind = "rate_limit", method = "GET", route = "/v1/calls", times = 1, retry_after_seconds = 0 });
        var before = await sim.RequestCountAsync("GET", "/v1/calls");

        var page = await client.Api.ListCallsAsync(new CallListQuery { Status = ["picked"] }, Ct);

        Assert.True(page.Success);
        Assert.Equal(25, page.Data.Count);
        Assert.Equal(before + 2, await sim.RequestCountAsync("GET", "/v1/calls"));
    }

    [Fact]
    public async Task GetActiveAgentsAsync_500Once_IsRetriedAndSucceeds()
    {
        using var client = sim.Client();
        await sim.AddFaultAsync(new { kind = "error", route = "/v1/active_agents", times = 1 });
        var before = await sim.RequestCountAsync("GET", "/v1/active_agents");

        var agents = await client.Api.GetActiveAgentsAsync(Ct);

        Assert.Equal(4, agents.Count);
        Assert.Equal(before + 2, await sim.RequestCountAsync("GET", "/v1/active_agents"));
    }

    [Theory]
    [MemberData(nameof(Endpoint.Reads), MemberType = typeof(Endpoint))]
    public async Task AnyRead_Transient429And500_AreRetriedUntilTheEndpointsOwnAnswer(int index)
    {
        var endpoint = Endpoint.All[index];
        using var client = sim.Client();
        await sim.AddFaultAsync(new { kind = "rate_limit", method = "GET", route = endpoint.Route, times = 1, retry_after_seconds = 0 });
        await sim.AddFaultAsync(new { kind = "error", method = "GET", route = endpoint.Route, times = 1, status_code = 503 });
        var before = await sim.RequestCountAsync("GET", endpoint.Route);

        var outcome = await OutcomeAsync(() => endpoint.Invoke(client.Api, Ct));

        // Three attempts reached the simulator; the last one got the endpoint's real answer (success, or e.g. a 404 for
        // the made-up id), never the injected 429/503.
        Assert.Equal(before + 3, await sim.RequestCountAsync("GET", endpoint.Route));
        Assert.True(outcome is null or { Kind: OsviErrorKind.NotFound }, $"{endpoint}: {outcome}");
    }

    [Theory]
    [MemberData(nameof(Endpoint.Reads), MemberType = typeof(Endpoint))]
    public async Task AnyRead_500EveryTime_IsTriedOncePlusTheRetriesThenAServerError(int index)
    {
        var endpoint = Endpoint.All[index];
        using var client = sim.Client(configure: s => s["OsviApi:MaxRetries"] = "1");
        await sim.AddFaultAsync(new { kind = "error", method = "GET", route = endpoint.Route });
        var before = await sim.RequestCountAsync("GET", endpoint.Route);

        var error = await endpoint.FailureAsync(client.Api, Ct);

        Assert.Equal(new OsviError(OsviErrorKind.ServerError, 500, "Internal server error", []), error with { FieldErrors = [] });
        Assert.Equal(before + 2, await sim.RequestCountAsync("GET", endpoint.Route));
    }

    [Theory]
    [MemberData(nameof(Endpoint.Reads), MemberType = typeof(Endpoint))]
    public async Task AnyRead_429AskingForALongWait_IsRateLimitedAtOnceWithTheWait(int index)
    {
        var endpoint = Endpoint.All[index];
        using var client = sim.Client();
        await sim.AddFaultAsync(new { kind = "rate_limit", method = "GET", route = endpoint.Route, retry_after_seconds = 90 });
        var before = await sim.RequestCountAsync("GET", endpoint.Route);

        var error = await endpoint.FailureAsync(client.Api, Ct);

        Assert.Equal(new OsviError(OsviErrorKind.RateLimited, 429, "Rate limit exceeded", [], TimeSpan.FromSeconds(90)), error with { FieldErrors = [] });
        Assert.Equal(before + 1, await sim.RequestCountAsync("GET", endpoint.Route));
    }

    [Theory]
    [MemberData(nameof(Endpoint.Writes), MemberType = typeof(Endpoint))]
    public async Task AnyWrite_500_IsSentExactlyOnceAndIsAServerError(int index)
    {
        var endpoint = Endpoint.All[index];
        using var client = sim.Client();
        await sim.AddFaultAsync(new { kind = "error", method = endpoint.Method, route = endpoint.Route });
        var before = await sim.RequestCountAsync(endpoint.Method, endpoint.Route);

        var error = await endpoint.FailureAsync(client.Api, Ct);

        Assert.Equal(new OsviError(OsviErrorKind.ServerError, 500, "Internal server error", []), error with { FieldErrors = [] });
        Assert.Equal(before + 1, await sim.RequestCountAsync(endpoint.Method, endpoint.Route));
    }

    [Theory]
    [MemberData(nameof(Endpoint.Writes), MemberType = typeof(Endpoint))]
    public async Task AnyWrite_429WithAnImmediateRetryAfter_IsSentExactlyOnceAndRateLimited(int index)
    {
        var endpoint = Endpoint.All[index];
        using var client = sim.Client();
        await sim.AddFaultAsync(new { kind = "rate_limit", method = endpoint.Method, route = endpoint.Route, retry_after_seconds = 0 });
        var before = await sim.RequestCountAsync(endpoint.Method, endpoint.Route);

        var error = await endpoint.FailureAsync(client.Api, Ct);

        Assert.Equal((OsviErrorKind.RateLimited, 429, TimeSpan.Zero), (error.Kind, error.StatusCode, error.RetryAfter));
        Assert.Equal(before + 1, await sim.RequestCountAsync(endpoint.Method, endpoint.Route));
    }

    [Fact]
    public async Task StartCallAsync_500_PlacesNoCallAndIsNotRepeated()
    {
        using var client = sim.Client();
        await sim.AddFaultAsync(new { kind = "error", method = "POST", route = "/v1/call", times = 1 });
        var request = new StartCallRequest { AgentUuid = sim.Dialler().Uuid, PhoneNumber = "9876560001", CountryCode = "IN" };

        await OsviAssert.FailsAsync(() => client.Api.StartCallAsync(request, Ct), OsviErrorKind.ServerError, 500);

        Assert.Equal(0, (await client.Api.ListCallsAsync(new CallListQuery { PhoneNumber = "9876560001" }, Ct)).Meta.TotalCount);
    }

    [Fact]
    public async Task ListCallsAsync_DroppedConnection_IsUnreachable()
    {
        // In memory a dropped connection is not retried (TestServer reports it as a cancellation); over a socket it is,
        // see LoopbackFaultContractTests.
        using var client = sim.Client();
        await sim.AddFaultAsync(new { kind = "abort", route = "/v1/calls" });

        await OsviAssert.FailsAsync(() => client.Api.ListCallsAsync(new CallListQuery(), Ct), OsviErrorKind.Unreachable, null, "OSVI could not be reached.");
    }

    [Fact]
    public async Task StartCallAsync_DroppedConnection_IsSentOnceAndUnreachable()
    {
        using var client = sim.Client();
        await sim.AddFaultAsync(new { kind = "abort", method = "POST", route = "/v1/call" });
        var before = await sim.RequestCountAsync("POST", "/v1/call");

        await OsviAssert.FailsAsync(() => client.Api.StartCallAsync(new StartCallRequest { AgentUuid = sim.Dialler().Uuid, PhoneNumber = "9876560002", CountryCode = "IN" }, Ct),
            OsviErrorKind.Unreachable, null, "OSVI could not be reached.");

        Assert.Equal(before + 1, await sim.RequestCountAsync("POST", "/v1/call"));
    }

    [Fact]
    public async Task AddDndNumberAsync_NoAnswerWithinTheAttemptTimeout_IsSentOnceAndUnreachable()
    {
        using var client = sim.Client(configure: s => (s["OsviApi:AttemptTimeout"], s["OsviApi:TotalTimeout"]) = ("00:00:00.200", "00:00:02"));
        await sim.AddFaultAsync(new { kind = "timeout", method = "POST", route = "/v1/dnd_numbers" });
        var before = await sim.RequestCountAsync("POST", "/v1/dnd_numbers");
        var stopwatch = Stopwatch.StartNew();

        using var response = await client.Api.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = sim.Dialler().Uuid, Phone = "9876560003" }, Ct);

        OsviAssert.Failed(response, OsviErrorKind.Unreachable, null, "OSVI did not answer in time.");
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(3));
        Assert.Equal(before + 1, await sim.RequestCountAsync("POST", "/v1/dnd_numbers"));
    }

    [Fact]
    public async Task GetActiveAgentsAsync_NoAnswerAtAll_RetriesEachTimedOutAttemptThenUnreachable()
    {
        using var client = sim.Client(configure: s => (s["OsviApi:AttemptTimeout"], s["OsviApi:TotalTimeout"]) = ("00:00:00.150", "00:00:00.600"));
        await sim.AddFaultAsync(new { kind = "timeout", route = "/v1/active_agents" });
        var before = await sim.RequestCountAsync("GET", "/v1/active_agents");

        await OsviAssert.FailsAsync(() => client.Api.GetActiveAgentsAsync(Ct), OsviErrorKind.Unreachable, null, "OSVI did not answer in time.");

        Assert.InRange(await sim.RequestCountAsync("GET", "/v1/active_agents") - before, 2, 4);
    }

    public static TheoryData<string> Failures => new()
    {
        "401 token of no account",
        "400 validation",
        "403 other account's agent",
        "404 unknown call",
        "422 duplicate DND",
        "429 on a POST",
        "429 beyond the wait limit on a GET",
        "500 on a GET, retried",
        "500 on a POST",
        "dropped connection",
        "timeout",
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task AnyFailingCall_NeverShowsTheTokenInTheExceptionTheErrorOrAnyLogLine(string failure)
    {
        var token = failure.StartsWith("401", StringComparison.Ordinal) ? "nobody-0000-0000" : SimulatorDefaults.PrimaryToken;
        using var client = sim.Client(token, s => (s["OsviApi:AttemptTimeout"], s["OsviApi:TotalTimeout"]) = ("00:00:00.200", "00:00:01"));
        var agent = sim.Dialler().Uuid;
        var call = new StartCallRequest { AgentUuid = agent, PhoneNumber = "9876560004", CountryCode = "IN" };
        Func<Task<object?>> act = failure switch
        {
            "400 validation" => async () => await client.Api.StartCallAsync(call with { PhoneNumber = "12" }, Ct),
            "403 other account's agent" => async () => await client.Api.StartCallAsync(call with { AgentUuid = sim.Dialler(account: 1).Uuid }, Ct),
            "404 unknown call" => async () => await client.Api.GetCallAsync("00000000-0000-4000-8000-000000000000", Ct),
            "422 duplicate DND" => async () =>
            {
                (await client.Api.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = agent, Phone = "9876560005" }, Ct)).Dispose();
                return await client.Api.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = agent, Phone = "9876560005" }, Ct);
            },
            "401 token of no account" => async () => await client.Api.ListCallsAsync(new CallListQuery(), Ct),
            _ => async () => await client.Api.StartCallAsync(call, Ct),
        };
        switch (failure)
        {
            case "429 on a POST":
                await sim.AddFaultAsync(new { kind = "rate_limit", route = "/v1/call", retry_after_seconds = 1 });
                break;
            case "429 beyond the wait limit on a GET":
                await sim.AddFaultAsync(new { kind = "rate_limit", route = "/v1/calls", retry_after_seconds = 600 });
                act = async () => await client.Api.ListCallsAsync(new CallListQuery(), Ct);
                break;
            case "500 on a GET, retried":
                await sim.AddFaultAsync(new { kind = "error", route = "/v1/active_agents" });
                act = async () => await client.Api.GetActiveAgentsAsync(Ct);
                break;
            case "500 on a POST":
                await sim.AddFaultAsync(new { kind = "error", route = "/v1/call" });
                break;
            case "dropped connection":
                await sim.AddFaultAsync(new { kind = "abort", route = "/v1/call" });
                break;
            case "timeout":
                await sim.AddFaultAsync(new { kind = "timeout", route = "/v1/call" });
                break;
        }

        var (exception, error) = await FailureAsync(act);

        List<string> texts = [.. client.LogText(), .. sim.ServerLogs.GetSnapshot().Select(SecretScan.LogLine), .. SecretScan.TextsOf(exception, error)];

        Assert.NotEmpty(client.LogText());
        Assert.NotEqual(OsviErrorKind.Unexpected, error.Kind);
        Assert.All(texts, text => Assert.DoesNotContain(token, text, StringComparison.Ordinal));
    }

    /// <summary>The call's failure, thrown or returned in an <see cref="IApiResponse"/>, with the exception behind it.</summary>
    private static async Task<(Exception Exception, OsviError Error)> FailureAsync(Func<Task<object?>> call)
    {
        try
        {
            using var response = (await call()) as IApiResponse;
            Assert.NotNull(response?.Error);
            return (response.Error, OsviErrors.FromResponse(response)!);
        }
        catch (Exception exception) when (OsviErrors.TryFromException(exception, out var error))
        {
            return (exception, error);
        }
    }

    /// <summary>Null when the call succeeded, else its OSVI failure.</summary>
    private static async Task<OsviError?> OutcomeAsync(Func<Task<object?>> call)
    {
        try
        {
            using var response = (await call()) as IApiResponse;
            return response is null ? null : OsviErrors.FromResponse(response);
        }
        catch (Exception exception) when (OsviErrors.TryFromException(exception, out var error))
        {
            return error;
        }
    }
}
