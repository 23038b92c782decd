using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Testing.Fakes;
using Osvi.Dashboard.Tests.Support;
using Refit;

namespace Osvi.Dashboard.Tests.Services.Calls;

public sealed class CallsServiceTests : IAsyncLifetime
{
    private const string Agent = "agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og";
    private readonly FakeOsviApi _api = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 12, 6, 30, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private AuditLog _audit = null!;
    private ServiceProvider _provider = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _audit = new AuditLog(_database, _time, TestOptions.Redactor());
        var services = new ServiceCollection();
        services.AddSingleton<IOsviApi>(_api);
        services.AddSingleton(new OsviAuthAlarm());
        services.AddSingleton(TestOptions.Redactor());
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging();
        services.AddTransient<OsviGateway>();
        services.AddSingleton<RecordingUrlCache>();
        _provider = services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _database.DisposeAsync();
    }

    private CallsService Service(string role = DashboardRoles.Operator, string user = "olga") =>
        new(_provider.GetRequiredService<OsviGateway>(),
            new AuditedActions(new PermissionGuard(Users.As(user, role), NullLogger<PermissionGuard>.Instance), _audit, NullLogger<AuditedActions>.Instance),
            _provider.GetRequiredService<RecordingUrlCache>());

    [Fact]
    public async Task ListCallsAsync_FilterAndPage_GoToOsviWithTheCallersTokenAndComeBackAsRows()
    {
        CallListQuery? sent = null;
        CancellationToken seen = default;
        _api.OnListCalls = (query, ct) =>
        {
            (sent, seen) = (query, ct);
            return Task.FromResult(new OsviPagedEnvelope<CallSummary>
            {
                Data =
                [
                    new CallSummary
                    {
                        CallId = "a1b2c3d4-5e6f-7a8b-9c0d-1e2f3a4b5c6d", AgentUuid = Agent, AgentName = " ", PhoneNumber = "+919876543210",
                        Status = CallStatus.Picked, CallType = CallType.Outbound, DurationSeconds = null, CallEndedBy = "",
                        Tag = new CallTag { Id = 12, Name = "interested", ColorCode = "url(javascript:1)" },
                    },
                ],
                Meta = new PageMeta { CurrentPage = 2, PerPage = 50, TotalCount = 51, TotalPages = 2 },
            });
        };
        using var cancellation = new CancellationTokenSource();
        var filter = new CallFilter { Statuses = [CallStatus.Picked], AgentUuid = Agent };

        var result = await Service().ListCallsAsync(filter, 2, 50, cancellation.Token);

        Assert.Equal(cancellation.Token, seen);
        Assert.Equal(["picked"], sent!.Status!);
        Assert.Equal((Agent, 2, 50), (sent.AgentUuid, sent.Page!.Value, sent.PerPage!.Value));
        var page = result.Value!;
        Assert.Equal((2, 50, 51, 2), (page.Page, page.PerPage, page.TotalCount, page.TotalPages));
        var row = Assert.Single(page.Items);
        Assert.Equal(Agent, row.AgentName);
        Assert.Equal(0, row.DurationSeconds);
        Assert.Null(row.EndedBy);
        Assert.Equal(new CallTagView("interested", null), row.Tag);
    }

    [Fact]
    public async Task ListCallsAsync_OsviUnreachable_IsAFailureNotAnException()
    {
        _api.OnListCalls = (_, _) => throw OsviFailures.Unreachable("/v1/calls");

        var result = await Service().ListCallsAsync(CallFilter.None, 1, 25, TestContext.Current.CancellationToken);

        Assert.Equal(OsviErrorKind.Unreachable, result.Error!.Kind);
    }

    [Fact]
    public async Task ListCallsAsync_CallerCancels_CancellationPassesThrough()
    {
        _api.OnListCalls = async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        };
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Service().ListCallsAsync(CallFilter.None, 1, 25, cancellation.Token));
    }

    [Fact]
    public async Task GetTranscriptAsync_TurnsOfEveryRole_BecomeLinesAndEmptyTurnsAreDropped()
    {
        _api.OnGetTranscript = (id, _) => Task.FromResult(new OsviEnvelope<CallTranscript>
        {
            Data = new CallTranscript
            {
                CallId = id,
                Transcript =
                [
                    new TranscriptTurn { Role = TranscriptRole.Agent, Content = " Hello ", StartSeconds = 1.2, EndSeconds = 3 },
                    new TranscriptTurn { Role = TranscriptRole.User, Content = "<b>Hi</b>" },
                    new TranscriptTurn { Role = TranscriptRole.System, Content = "  " },
                    new TranscriptTurn { Role = TranscriptRole.Tool, Content = "lookup()" },
                ],
            },
        });

        var result = await Service().GetTranscriptAsync("c-1", TestContext.Current.CancellationToken);

        Assert.Equal(
        [
            new TranscriptLine(0, Speaker.Agent, "Hello", 1.2, 3),
            new TranscriptLine(1, Speaker.Customer, "<b>Hi</b>", null, null),
            new TranscriptLine(2, Speaker.Tool, "lookup()", null, null),
        ], result.Value!.Lines);
    }

    [Fact]
    public async Task GetRecordingAvailabilityAsync_Recording_AsksOsviOnceUntilShortlyBeforeTheUrlExpires()
    {
        _api.OnGetRecording = (id, _) => Task.FromResult(Recording(id));
        var service = Service();

        var first = await service.GetRecordingAvailabilityAsync("c-1", TestContext.Current.CancellationToken);
        var second = await service.GetRecordingAvailabilityAsync("c-1", TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(900) - RecordingUrlCache.ExpiryMargin);
        var third = await service.GetRecordingAvailabilityAsync("c-1", TestContext.Current.CancellationToken);

        Assert.True(first.Value!.HasRecording && second.Value!.HasRecording && third.Value!.HasRecording);
        Assert.Equal(2, _api.Calls.Count(call => call == "GetRecording"));
    }

    [Fact]
    public async Task GetRecordingAvailabilityAsync_NotAvailable_IsNoRecordingNotAnError()
    {
        _api.OnGetRecording = async (_, _) => await NotFoundAsync();

        var result = await Service().GetRecordingAvailabilityAsync("c-1", TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.False(result.Value.HasRecording);
    }

    [Fact]
    public async Task GetRecordingAvailabilityAsync_OsviFails_ReportsItAndAsksAgainNextTime()
    {
        _api.OnGetRecording = (_, _) => throw OsviFailures.Unreachable("/v1/call/c-1/recording");
        var service = Service();

        var first = await service.GetRecordingAvailabilityAsync("c-1", TestContext.Current.CancellationToken);
        _api.OnGetRecording = (id, _) => Task.FromResult(Recording(id));
        var second = await service.GetRecordingAvailabilityAsync("c-1", TestContext.Current.CancellationToken);

        Assert.Equal(OsviErrorKind.Unreachable, first.Error!.Kind);
        Assert.True(second.Value!.HasRecording);
    }

    [Fact]
    public async Task FindOnDndListAsync_SearchesByTheNationalNumberAndMatchesOnlyTheExactNumber()
    {
        DndListQuery? sent = null;
        _api.OnListDndNumbers = (query, _) =>
        {
            sent = query;
            return Task.FromResult(new OsviPagedEnvelope<DndEntry>
            {
                Data =
                [
                    new DndEntry { Phone = "+9198765432101", Reason = "longer number" },
                    new DndEntry { Phone = "+919876543210", Reason = "asked not to be called", CreatedAt = _time.GetUtcNow() },
                ],
            });
        };

        var found = await Service().FindOnDndListAsync(Agent, "+919876543210", TestContext.Current.CancellationToken);

        Assert.Equal((Agent, "9876543210"), (sent!.AgentUuid, sent.Search));
        Assert.Equal("asked not to be called", found.Value!.Reason);
    }

    [Fact]
    public async Task FindOnDndListAsync_ExactNumberOnTheSecondPageOfPartialMatches_IsFound()
    {
        var pages = new List<int>();
        _api.OnListDndNumbers = (query, _) =>
        {
            pages.Add(query.Page ?? 1);
            return Task.FromResult(new OsviPagedEnvelope<DndEntry>
            {
                Data = query.Page is null or 1
                    ? [.. Enumerable.Range(0, 100).Select(i => new DndEntry { Phone = $"+1{i:D2}9876543210" })]
                    : [new DndEntry { Phone = "+919876543210", Reason = "on page two" }],
                Meta = new PageMeta { PerPage = 100, TotalCount = 101 },
            });
        };

        var found = await Service().FindOnDndListAsync(Agent, "+919876543210", TestContext.Current.CancellationToken);

        Assert.Equal("on page two", found.Value!.Reason);
        Assert.Equal([1, 2], pages);
    }

    [Fact]
    public async Task StartCallAsync_Viewer_IsRefusedWithoutAskingOsviAndAudited()
    {
        var result = await Service(DashboardRoles.Viewer, "vera").StartCallAsync(Command(), "call-log", TestContext.Current.CancellationToken);

        Assert.Equal(DashboardPermission.StartCalls, result.Refusal!.Permission);
        Assert.DoesNotContain("StartCall", _api.Calls);
        var entry = Assert.Single((await _audit.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken)).Items);
        Assert.Equal((AuditResult.Refused, "vera", "call.start"), (entry.Result, entry.UserName, entry.Action));
    }

    [Fact]
    public async Task StartCallAsync_Operator_SendsTheNationalNumberAndCountryOnceAndAuditsTheNewCall()
    {
        StartCallRequest? sent = null;
        _api.OnStartCall = (request, _) =>
        {
            sent = request;
            return Task.FromResult(new OsviEnvelope<StartCallResult> { Data = new StartCallResult { CallId = "call_abc123xyz" } });
        };

        var result = await Service().StartCallAsync(Command(), "call-detail", TestContext.Current.CancellationToken);

        Assert.Equal("call_abc123xyz", result.Value);
        Assert.Equal((Agent, "9876543210", "IN", "Ravi"), (sent!.AgentUuid, sent.PhoneNumber, sent.CountryCode, sent.PersonName));
        Assert.Single(_api.Calls, call => call == "StartCall");
        var entry = Assert.Single((await _audit.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken)).Items);
        Assert.Equal((AuditResult.Succeeded, "call call_abc123xyz", "+919876543210", "call-detail"), (entry.Result, entry.Message, entry.Phone, entry.Source));
    }

    [Fact]
    public async Task StartCallAsync_OsviAnswers500_IsReportedOnceNeverResentAndAuditedAsFailed()
    {
        _api.OnStartCall = async (_, _) => throw await OsviFailures.ApiAsync(HttpStatusCode.InternalServerError,
            """{"success":false,"error":"Internal server error","details":null}""", "/v1/call");

        var result = await Service().StartCallAsync(Command(), "call-log", TestContext.Current.CancellationToken);

        Assert.Equal(OsviErrorKind.ServerError, result.Error!.Kind);
        Assert.Single(_api.Calls, call => call == "StartCall");
        var entry = Assert.Single((await _audit.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken)).Items);
        Assert.Equal((AuditResult.Failed, "Internal server error", 500), (entry.Result, entry.Message, entry.StatusCode));
    }

    private static StartCallCommand Command() => new()
    {
        AgentUuid = Agent,
        PhoneE164 = "+919876543210",
        NationalNumber = "9876543210",
        CountryCode = "IN",
        PersonName = "Ravi",
    };

    private static IApiResponse<OsviEnvelope<CallRecording>> Recording(string id) => new ApiResponse<OsviEnvelope<CallRecording>>(
        new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = new HttpRequestMessage(HttpMethod.Get, $"https://api.osvi.ai/v1/call/{id}/recording") },
        new OsviEnvelope<CallRecording> { Data = new CallRecording { CallId = id, RecordingUrl = new Uri($"https://s3.example/{id}.mp4?X-Amz-Signature=abc"), ExpiresInSeconds = 900 } },
        new RefitSettings());

    private static async Task<IApiResponse<OsviEnvelope<CallRecording>>> NotFoundAsync()
    {
        var error = await OsviFailures.ApiAsync(HttpStatusCode.NotFound, """{"success":false,"error":"Recording not available","details":null}""", "/v1/call/c-1/recording");
        var response = new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://api.osvi.ai/v1/call/c-1/recording") };
        return new ApiResponse<OsviEnvelope<CallRecording>>(response, null, new RefitSettings(), error);
    }
}
