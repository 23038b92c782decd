using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Testing;
using Osvi.Simulator;
using Osvi.Simulator.Faults;
using Osvi.Simulator.Hosting;

namespace Osvi.Dashboard.Tests.Reliability;

/// <summary><c>/recordings/{callId}</c> while OSVI fails: the presigned-URL lookup (<c>GET /v1/call/{id}/recording</c>) or
/// the audio fetch from the storage answers 500 or 401, or drops the connection. The player gets a short plain answer
/// with a status that says where it broke (never a stack trace, the token or the presigned URL), and plays again as
/// soon as the fault is gone. Demo mode: the simulator listens on a loopback port, so a dropped connection reaches the
/// dashboard as it would from a real storage (an in-memory TestServer reports it as a bare exception instead).</summary>
public sealed class RecordingFaultTests
{
    private const string LookupRoute = "/v1/call/{id}/recording";
    private const string StoragePrefix = "/recordings/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, int, HttpStatusCode, string> Faults => new()
    {
        { "lookup", FaultKinds.Error, 500, HttpStatusCode.BadGateway, "The recording could not be loaded: " },
        { "lookup", FaultKinds.Error, 401, HttpStatusCode.BadGateway, "The recording could not be loaded: " },
        { "lookup", FaultKinds.Abort, 0, HttpStatusCode.GatewayTimeout, "The recording could not be loaded: OSVI could not be reached." },
        { "storage", FaultKinds.Error, 500, HttpStatusCode.BadGateway, "The recording could not be loaded: The recording storage answered HTTP 500." },
        { "storage", FaultKinds.Error, 401, HttpStatusCode.BadGateway, "The recording could not be loaded: The recording storage answered HTTP 401." },
        { "storage", FaultKinds.Abort, 0, HttpStatusCode.GatewayTimeout, "The recording could not be loaded: The recording storage could not be reached." },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Recording_UpstreamFault_AnswersAPlainStatusWithoutSecretsAndPlaysOnceTheFaultIsGone(
        string where, string kind, int status, HttpStatusCode expected, string message)
    {
        await using var factory = new DashboardFactory()
            .UseDemoMode()
            .WithSetting("OsviApi:MaxRetries", "1")
            .WithSetting("OsviApi:RetryBaseDelay", "00:00:00");
        using var dashboard = factory.CreateClientAs(DashboardRoles.Operator);
        var simulator = factory.Services.GetRequiredService<EmbeddedSimulator>();
        var callId = await AnsweredCallAsync(simulator);
        if (where == "storage")
        {
            // The URL is looked up and cached first, so only the audio fetch meets the fault.
            using var warm = await GetRangeAsync(dashboard, callId);
            Assert.Equal(HttpStatusCode.PartialContent, warm.StatusCode);
        }

        var rule = where == "lookup"
            ? new FaultRule(kind, "GET", Route: LookupRoute, StatusCode: status is 0 ? 500 : status)
            : new FaultRule(kind, "GET", PathPrefix: StoragePrefix, StatusCode: status is 0 ? 500 : status);
        var faults = simulator.Services.GetRequiredService<FaultStore>();
        var faultId = faults.Add(rule).Id;

        using (var failed = await GetRangeAsync(dashboard, callId))
        {
            var body = await failed.Content.ReadAsStringAsync(Ct);
            Assert.Equal(expected, failed.StatusCode);
            Assert.Equal("text/plain", failed.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith(message, body, StringComparison.Ordinal);
            AssertNothingSecret(body + failed.Headers + failed.Content.Headers);
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        }

        Assert.True(faults.Remove(faultId));
        using var played = await GetRangeAsync(dashboard, callId);

        Assert.Equal(HttpStatusCode.PartialContent, played.StatusCode);
        Assert.StartsWith("RIFF", Encoding.ASCII.GetString((await played.Content.ReadAsByteArrayAsync(Ct))[..4]), StringComparison.Ordinal);
        foreach (var line in factory.Logs.Events.Select(e => e.RenderMessage(CultureInfo.InvariantCulture) + " " + string.Join(" ", e.Properties.Values) + " " + e.Exception))
        {
            AssertNothingSecret(line);
        }
    }

    private static void AssertNothingSecret(string text)
    {
        Assert.DoesNotContain(SimulatorDefaults.PrimaryToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain("signature=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(".wav?", text, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> GetRangeAsync(HttpClient dashboard, string callId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/recordings/{callId}");
        request.Headers.Range = new RangeHeaderValue(0, 999);
        return await dashboard.SendAsync(request, Ct);
    }

    private static async Task<string> AnsweredCallAsync(EmbeddedSimulator simulator)
    {
        using var osvi = new HttpClient { BaseAddress = simulator.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/calls?per_page=1&status=picked");
        request.Headers.Add("API-Token", simulator.ApiToken);
        using var response = await osvi.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        using var page = await response.Content.ReadFromJsonAsync<JsonDocument>(Ct) ?? throw new InvalidOperationException("empty answer");
        return page.RootElement.GetProperty("data")[0].GetProperty("call_id").GetString()!;
    }
}
