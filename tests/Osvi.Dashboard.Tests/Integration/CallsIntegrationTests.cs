using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Osvi.Client;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Testing;
using Osvi.Simulator;
using Osvi.Simulator.Diagnostics;
using Osvi.Simulator.Faults;
using Osvi.Simulator.World;

namespace Osvi.Dashboard.Tests.Integration;

/// <summary>The Calls area through the real host and the real OSVI client, against the simulator in memory: the CSV
/// export, the recording proxy and starting a call.</summary>
public sealed class CallsIntegrationTests
{
    [Fact]
    public async Task Export_LargeFilter_StreamsAsPagesArriveAndMatchesTheApisTotal()
    {
        await using var factory = new DashboardFactory()
            .ConfigureSimulator(simulator => simulator.UseSetting("Simulator:PrimaryCallCount", "20000"));
        using var dashboard = factory.CreateClientAs(DashboardRoles.Operator);
        using var osvi = factory.Simulator.CreateClient();
        // Calls dialled before now: a set that cannot grow while it is read (new calls are dialled later).
        var end = DateTimeOffset.UtcNow.AddMinutes(-1).ToOffset(TimeSpan.FromHours(5.5)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var filter = "end_date=" + Uri.EscapeDataString(end);
        var expected = await TotalAsync(osvi, filter);
        Assert.True(expected > 15_000, $"the seeded simulator holds a large history (got {expected})");

        using var response = await dashboard.GetAsync(CallExportEndpoint.Path + "?" + filter, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var first = new byte[4096];
        var read = await body.ReadAsync(first, TestContext.Current.CancellationToken);
        // The reader holds back: a streamed export waits for it (back-pressure) instead of fetching every page into memory.
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        var pagesWhileWaiting = factory.UpstreamRequests.Count("/v1/calls?");
        var rest = new MemoryStream();
        await body.CopyToAsync(rest, TestContext.Current.CancellationToken);

        var totalPages = (expected + 99) / 100;
        Assert.True(read > 0);
        Assert.True(pagesWhileWaiting <= 10, $"the export had fetched {pagesWhileWaiting} of {totalPages} pages before the first bytes were read");
        var csv = first.AsSpan(0, read).ToArray().Concat(rest.ToArray()).ToArray();
        var rows = ReadCsv(csv);
        Assert.Equal(CallExportEndpoint.Columns, rows[0]);
        var ids = rows.Skip(1).Select(row => row[0]).ToList();
        Assert.Equal(expected, ids.Count);
        Assert.Equal(expected, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("X-Total-Count")));
        Assert.Equal(totalPages, factory.UpstreamRequests.Count("/v1/calls?"));
        var audit = await AuditAsync(factory);
        Assert.Contains(audit, entry => entry.Action == "calls.export" && entry.Result == AuditResult.Succeeded && entry.Message == $"{expected:N0} rows");
    }

    [Fact]
    public async Task Export_FilterOfTheCallLog_HoldsExactlyTheCallsOsviListsForIt()
    {
        await using var factory = new DashboardFactory();
        using var dashboard = factory.CreateClientAs(DashboardRoles.Operator);
        using var osvi = factory.Simulator.CreateClient();
        var agent = await ActiveAgentAsync(osvi);
        var end = DateTimeOffset.UtcNow.AddMinutes(-1).ToOffset(TimeSpan.FromHours(5.5)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var filter = $"status=picked,busy&agent_uuid={agent}&end_date={Uri.EscapeDataString(end)}";
        var expected = await AllCallIdsAsync(osvi, filter);
        Assert.True(expected.Count > 100, $"the filter spans several of OSVI's pages (got {expected.Count})");

        var rows = ReadCsv(await dashboard.GetByteArrayAsync(CallExportEndpoint.Path + "?" + filter, TestContext.Current.CancellationToken)).Skip(1).ToList();

        Assert.Equal(expected, rows.Select(row => row[0]).ToList());
        Assert.All(rows, row => Assert.Contains(row[Array.IndexOf(CallExportEndpoint.Columns, "status")], new[] { "picked", "busy" }));
        Assert.All(rows, row => Assert.Equal(agent, row[Array.IndexOf(CallExportEndpoint.Columns, "agent_uuid")]));
    }

    [Fact]
    public async Task Export_CancelledFromThePage_BreaksTheDownloadOffAndIsAuditedAsCancelled()
    {
        await using var factory = new DashboardFactory()
            .ConfigureSimulator(simulator => simulator.UseSetting("Simulator:PrimaryCallCount", "5000"));
        using var dashboard = factory.CreateClientAs(DashboardRoles.Operator);
        var tracker = factory.Services.GetRequiredService<CallExportTracker>();
        var exportId = CallExportTracker.NewId();

        using var response = await dashboard.GetAsync($"{CallExportEndpoint.Path}?end_date=2099-01-01&{CallExportEndpoint.ExportIdKey}={exportId}",
            HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var first = new byte[1024];
        Assert.True(await body.ReadAsync(first, TestContext.Current.CancellationToken) > 0);
        tracker.Cancel(exportId);

        // The rest of the body breaks off instead of ending like a complete file.
        await Assert.ThrowsAnyAsync<Exception>(() => body.CopyToAsync(Stream.Null, TestContext.Current.CancellationToken));
        Assert.Equal(CallExportState.Cancelled, tracker.Peek(exportId)!.State);
        var entry = Assert.Single(await AuditAsync(factory), e => e.Action == "calls.export");
        Assert.Equal(AuditResult.Failed, entry.Result);
        Assert.StartsWith("Cancelled by the user after", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Viewer_SeesOnlyTheLastFourDigits()
    {
        await using var factory = new DashboardFactory();
        using var dashboard = factory.CreateClientAs(DashboardRoles.Viewer);

        var csv = await dashboard.GetByteArrayAsync(CallExportEndpoint.Path + "?status=picked&per_page=25&end_date=2099-01-01", TestContext.Current.CancellationToken);

        var phones = ReadCsv(csv).Skip(1).Select(row => row[Array.IndexOf(CallExportEndpoint.Columns, "phone_number")]).ToList();
        Assert.NotEmpty(phones);
        Assert.All(phones, phone => Assert.Matches(@"^'\+•+\d{4}$", phone));
    }

    [Fact]
    public async Task Recording_RangeRequest_Answers206WithTheStoragesBytesAndContentType()
    {
        await using var factory = new DashboardFactory();
        using var dashboard = factory.CreateClientAs(DashboardRoles.Operator);
        using var osvi = factory.Simulator.CreateClient();
        var callId = await FirstCallAsync(osvi, "picked");
        var direct = await DirectRecordingAsync(osvi, callId);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/recordings/{callId}");
        request.Headers.Range = new RangeHeaderValue(100, 1099);
        using var ranged = await dashboard.SendAsync(request, TestContext.Current.CancellationToken);
        using var whole = await dashboard.GetAsync($"/recordings/{callId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PartialContent, ranged.StatusCode);
        Assert.Equal("audio/wav", ranged.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"bytes 100-1099/{direct.Length}", ranged.Content.Headers.ContentRange!.ToString());
        Assert.Equal(direct[100..1100], await ranged.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(direct, await whole.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("bytes", Assert.Single(whole.Headers.AcceptRanges));
        // One presigned URL served both requests.
        Assert.Equal(1, factory.UpstreamRequests.Count($"/v1/call/{callId}/recording"));
    }

    [Fact]
    public async Task Recording_PresignedUrlExpired_AsksOsviForAFreshOneOnce()
    {
        var simulatorTime = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new DashboardFactory()
            .ConfigureSimulator(simulator => simulator.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(simulatorTime)));
        using var dashboard = factory.CreateClientAs(DashboardRoles.Operator);
        using var osvi = factory.Simulator.CreateClient();
        var callId = await FirstCallAsync(osvi, "picked");
        using var first = await GetRangeAsync(dashboard, callId);

        // The storage's clock moves past the URL's 15 minutes; the dashboard still holds the URL it cached.
        simulatorTime.Advance(TimeSpan.FromMinutes(16));
        using var second = await GetRangeAsync(dashboard, callId);

        Assert.Equal(HttpStatusCode.PartialContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.PartialContent, second.StatusCode);
        Assert.Equal(2, factory.UpstreamRequests.Count($"/v1/call/{callId}/recording"));
        Assert.Equal(3, factory.UpstreamRequests.Count($"/recordings/{callId}.wav"));
        Assert.Contains(factory.UpstreamRequests.Requests, r => r.PathAndQuery.StartsWith($"/recordings/{callId}.wav", StringComparison.Ordinal) && r.StatusCode == 403);
    }

    [Fact]
    public async Task Recording_CallWithoutRecording_Is404WithAPlainMessage()
    {
        await using var factory = new DashboardFactory();
        using var dashboard = factory.CreateClientAs(DashboardRoles.Operator);
        using var osvi = factory.Simulator.CreateClient();
        var callId = await FirstCallAsync(osvi, "not_picked");

        using var response = await dashboard.GetAsync($"/recordings/{callId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("This call has no recording.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Recording_PlayedAndDownloaded_NeverRevealsThePresignedUrlOrTheTokenAndIsAuditedOnce()
    {
        await using var factory = new DashboardFactory();
        using var dashboard = factory.CreateClientAs(DashboardRoles.Operator);
        using var osvi = factory.Simulator.CreateClient();
        var callId = await FirstCallAsync(osvi, "picked");

        using var play = await dashboard.GetAsync($"/recordings/{callId}", TestContext.Current.CancellationToken);
        using var seek = await GetRangeAsync(dashboard, callId, from: 5000);
        using var download = await dashboard.GetAsync($"/recordings/{callId}?download=1", TestContext.Current.CancellationToken);

        foreach (var response in new[] { play, seek, download })
        {
            var headers = response.Headers.ToString() + response.Content.Headers;
            Assert.DoesNotContain("signature", headers, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("expires=", headers, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(SimulatorDefaults.PrimaryToken, headers, StringComparison.Ordinal);
            Assert.Null(response.Headers.Location);
        }

        Assert.Equal($"call-{callId}.wav", download.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.StartsWith("RIFF", Encoding.ASCII.GetString((await play.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken))[..4]), StringComparison.Ordinal);
        foreach (var line in factory.Logs.Events.Select(e => e.RenderMessage(CultureInfo.InvariantCulture) + string.Join(" ", e.Properties.Values)))
        {
            Assert.DoesNotContain("signature=", line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(SimulatorDefaults.PrimaryToken, line, StringComparison.Ordinal);
        }

        var audit = await AuditAsync(factory);
        Assert.Single(audit, entry => entry.Action == "recording.play" && entry.Target == callId && entry.Result == AuditResult.Succeeded);
        Assert.Single(audit, entry => entry.Action == "recording.download" && entry.Target == callId);
    }

    [Fact]
    public async Task Recording_Viewer_PlaysItAndThePlayIsAuditedUnderTheirName()
    {
        await using var factory = new DashboardFactory();
        using var dashboard = factory.CreateClientAs(DashboardRoles.Viewer, "vera");
        using var osvi = factory.Simulator.CreateClient();
        var callId = await FirstCallAsync(osvi, "picked");

        using var play = await GetRangeAsync(dashboard, callId);

        Assert.Equal(HttpStatusCode.PartialContent, play.StatusCode);
        Assert.Single(await AuditAsync(factory), entry => entry.Action == "recording.play" && entry.Target == callId && entry.UserName == "vera");
    }

    [Theory]
    [InlineData("/recordings/{0}")]
    [InlineData("/exports/calls.csv?status=picked")]
    public async Task Endpoints_NobodySignedIn_AreRefusedAndNothingIsAskedOfOsvi(string path)
    {
        await using var factory = new DashboardFactory();
        using var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var osvi = factory.Simulator.CreateClient();
        var callId = await FirstCallAsync(osvi, "picked");
        _ = factory.Services;
        var before = factory.UpstreamRequests.Requests.Count;

        using var response = await anonymous.GetAsync(string.Format(CultureInfo.InvariantCulture, path, callId), TestContext.Current.CancellationToken);

        Assert.False(response.IsSuccessStatusCode, $"answered {(int)response.StatusCode}");
        Assert.Equal(before, factory.UpstreamRequests.Requests.Count);
    }

    [Fact]
    public async Task StartCall_OsviAnswers500_IsSentExactlyOnceAndReported()
    {
        await using var factory = new DashboardFactory();
        _ = factory.Services;
        using var osvi = factory.Simulator.CreateClient();
        var agent = await ActiveAgentAsync(osvi);
        factory.Simulator.Services.GetRequiredService<FaultStore>().Add(new FaultRule(FaultKinds.Error, Method: "POST", Route: "/v1/call"));
        var requests = factory.Simulator.Services.GetRequiredService<RequestLog>();
        requests.Reset();
        await using var scope = factory.CreateScopeAs(DashboardRoles.Operator);
        var calls = scope.ServiceProvider.GetRequiredService<ICallsService>();

        var result = await calls.StartCallAsync(new StartCallCommand
        {
            AgentUuid = agent,
            PhoneE164 = OutcomeRules.E164(OutcomeRules.PickedSuffix),
            NationalNumber = OutcomeRules.NationalNumber(OutcomeRules.PickedSuffix),
            CountryCode = "IN",
        }, "call-log", TestContext.Current.CancellationToken);

        Assert.Equal(OsviErrorKind.ServerError, result.Error!.Kind);
        Assert.Equal(1, requests.Count("POST", "/v1/call"));
        var entry = Assert.Single(await AuditAsync(factory), e => e.Action == "call.start");
        Assert.Equal((AuditResult.Failed, 500), (entry.Result, entry.StatusCode));
    }

    [Fact]
    public async Task StartCall_ThroughTheRealClient_CreatesACallThatEndsWithItsRuleOutcome()
    {
        var simulatorTime = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new DashboardFactory()
            .ConfigureSimulator(simulator => simulator.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(simulatorTime)));
        _ = factory.Services;
        using var osvi = factory.Simulator.CreateClient();
        var agent = await ActiveAgentAsync(osvi);
        await using var scope = factory.CreateScopeAs(DashboardRoles.Operator);
        var calls = scope.ServiceProvider.GetRequiredService<ICallsService>();

        var started = await calls.StartCallAsync(new StartCallCommand
        {
            AgentUuid = agent,
            PhoneE164 = OutcomeRules.E164(OutcomeRules.BusySuffix),
            NationalNumber = OutcomeRules.NationalNumber(OutcomeRules.BusySuffix),
            CountryCode = "IN",
            PersonName = "Test Person",
        }, "call-log", TestContext.Current.CancellationToken);
        var queued = await calls.GetCallAsync(started.Value!, TestContext.Current.CancellationToken);
        simulatorTime.Advance(OutcomeRules.ForcedCallSettlesWithin);
        var ended = await calls.GetCallAsync(started.Value!, TestContext.Current.CancellationToken);

        Assert.Equal("in_progress", queued.Value!.Status.Value);
        Assert.Equal("busy", ended.Value!.Status.Value);
        Assert.Equal("Test Person", ended.Value.CallerName);
    }

    [Fact]
    public async Task StartCall_ViewerThroughTheRealHost_IsRefusedAndNothingIsSent()
    {
        await using var factory = new DashboardFactory();
        _ = factory.Services;
        await using var scope = factory.CreateScopeAs(DashboardRoles.Viewer);
        var calls = scope.ServiceProvider.GetRequiredService<ICallsService>();

        var result = await calls.StartCallAsync(new StartCallCommand
        {
            AgentUuid = "agent_any",
            PhoneE164 = "+919876543210",
            NationalNumber = "9876543210",
            CountryCode = "IN",
        }, "call-log", TestContext.Current.CancellationToken);

        Assert.Equal(DashboardPermission.StartCalls, result.Refusal!.Permission);
        Assert.Equal(0, factory.UpstreamRequests.Count("/v1/call", "POST"));
    }

    private static async Task<HttpResponseMessage> GetRangeAsync(HttpClient dashboard, string callId, long from = 0)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/recordings/{callId}");
        request.Headers.Range = new RangeHeaderValue(from, from + 999);
        return await dashboard.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<int> TotalAsync(HttpClient osvi, string filter)
    {
        using var page = await GetOsviAsync(osvi, "/v1/calls?per_page=1&" + filter);
        return page.RootElement.GetProperty("meta").GetProperty("total_count").GetInt32();
    }

    private static async Task<List<string>> AllCallIdsAsync(HttpClient osvi, string filter)
    {
        List<string> ids = [];
        for (var page = 1; ; page++)
        {
            using var answer = await GetOsviAsync(osvi, $"/v1/calls?per_page=100&page={page}&{filter}");
            ids.AddRange(answer.RootElement.GetProperty("data").EnumerateArray().Select(call => call.GetProperty("call_id").GetString()!));
            if (page >= answer.RootElement.GetProperty("meta").GetProperty("total_pages").GetInt32())
            {
                return ids;
            }
        }
    }

    private static async Task<string> FirstCallAsync(HttpClient osvi, string status)
    {
        using var page = await GetOsviAsync(osvi, $"/v1/calls?per_page=1&status={status}");
        return page.RootElement.GetProperty("data")[0].GetProperty("call_id").GetString()!;
    }

    private static async Task<string> ActiveAgentAsync(HttpClient osvi)
    {
        using var agents = await GetOsviAsync(osvi, "/v1/active_agents");
        return agents.RootElement.EnumerateArray().First(a => a.GetProperty("name").GetString() != "Support Line").GetProperty("agent_id").GetString()!;
    }

    private static async Task<byte[]> DirectRecordingAsync(HttpClient osvi, string callId)
    {
        using var recording = await GetOsviAsync(osvi, $"/v1/call/{callId}/recording");
        var url = new Uri(recording.RootElement.GetProperty("data").GetProperty("recording_url").GetString()!);
        return await osvi.GetByteArrayAsync(url.PathAndQuery);
    }

    private static async Task<JsonDocument> GetOsviAsync(HttpClient osvi, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("API-Token", SimulatorDefaults.PrimaryToken);
        using var response = await osvi.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonDocument>() ?? throw new InvalidOperationException("empty answer");
    }

    private static List<string[]> ReadCsv(byte[] csv)
    {
        using var reader = CsvReader.Create(csv, new CsvReaderOptions { HasHeader = false });
        List<string[]> rows = [];
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return rows;
    }

    private static async Task<IReadOnlyList<AuditEntry>> AuditAsync(DashboardFactory factory) =>
        (await factory.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Take = 500 }, CancellationToken.None)).Items;
}
