using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Simulator.Diagnostics;
using Osvi.Simulator.Faults;
using Osvi.Simulator.Hosting;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Tests;

public sealed class FaultAndAdminTests
{
    [Fact]
    public async Task ErrorFault_ForOneRequestOnARoute_Returns500D1ThenRecovers()
    {
        await using var host = new SimHost();
        using var admin = host.Admin();
        using var client = host.Api();

        var (added, rule) = await admin.PostJsonAsync("/_simulator/faults", new { kind = "error", route = "/v1/calls", times = 1 });
        var (first, body) = await client.GetJsonAsync("/v1/calls");
        var (second, _) = await client.GetJsonAsync("/v1/calls");
        var (other, _) = await client.GetJsonAsync("/v1/active_agents");
        var (_, rules) = await admin.GetJsonAsync("/_simulator/faults");

        Assert.Equal(HttpStatusCode.Created, added);
        Assert.True(rule.GetProperty("id").GetInt32() > 0);
        Assert.Equal(HttpStatusCode.InternalServerError, first);
        body.AssertD1("Internal server error");
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal(HttpStatusCode.OK, other);
        Assert.Equal(1, rules[0].GetProperty("hits").GetInt32());
    }

    [Fact]
    public async Task RateLimitFault_Returns429WithRetryAfter()
    {
        await using var host = new SimHost();
        host.Services.GetRequiredService<FaultStore>().Add(new FaultRule(FaultKinds.RateLimit, RetryAfterSeconds: 7));
        using var client = host.Api();

        using var response = await client.GetAsync("/v1/campaigns/7/status", Http.Ct);
        var body = await Http.ReadAsync(response);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        body.AssertD1("Rate limit exceeded");
    }

    [Fact]
    public async Task Fault_PerMethod_OnlyHitsThatMethod()
    {
        await using var host = new SimHost();
        using var admin = host.Admin();
        await admin.PostJsonAsync("/_simulator/faults", new { kind = "error", method = "POST", route = "/v1/dnd_numbers", status_code = 503 });
        using var client = host.Api();
        var agent = host.Dialler().Uuid;

        var (post, _) = await client.PostJsonAsync("/v1/dnd_numbers", new { agent_uuid = agent, phone = "9876543210" });
        var (get, _) = await client.GetJsonAsync($"/v1/dnd_numbers?agent_uuid={agent}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, post);
        Assert.Equal(HttpStatusCode.OK, get);
    }

    [Fact]
    public async Task AbortFault_DropsTheConnection()
    {
        await using var host = new SimHost();
        host.Services.GetRequiredService<FaultStore>().Add(new FaultRule(FaultKinds.Abort, Route: "/v1/active_agents"));
        using var client = host.Api();

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync("/v1/active_agents", Http.Ct));
    }

    [Fact]
    public async Task TimeoutFault_NeverAnswersUntilTheClientGivesUp()
    {
        await using var host = new SimHost();
        host.Services.GetRequiredService<FaultStore>().Add(new FaultRule(FaultKinds.Timeout, PathPrefix: "/v1/call"));
        using var client = host.Api();
        client.Timeout = TimeSpan.FromMilliseconds(300);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync("/v1/calls", Http.Ct));
    }

    [Fact]
    public async Task LatencyFault_DelaysThenServes()
    {
        await using var host = new SimHost();
        host.Services.GetRequiredService<FaultStore>().Add(new FaultRule(FaultKinds.Latency, Route: "/v1/active_agents", LatencyMs: 150));
        using var client = host.Api();

        var watch = Stopwatch.StartNew();
        var (status, _) = await client.GetJsonAsync("/v1/active_agents");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(watch.ElapsedMilliseconds >= 140, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Faults_ClearedAtRunTime_StopImmediately()
    {
        await using var host = new SimHost();
        using var admin = host.Admin();
        var (_, rule) = await admin.PostJsonAsync("/_simulator/faults", new { kind = "error" });
        using var client = host.Api();
        var (during, _) = await client.GetJsonAsync("/v1/active_agents");

        using var removed = await admin.DeleteAsync($"/_simulator/faults/{rule.GetProperty("id").GetInt32()}", Http.Ct);
        var (after, _) = await client.GetJsonAsync("/v1/active_agents");

        Assert.Equal(HttpStatusCode.InternalServerError, during);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Theory]
    [InlineData("""{"kind":"explode"}""")]
    [InlineData("""{"kind":"error","probability":2}""")]
    [InlineData("""{"kind":""")]
    public async Task Faults_InvalidRule_Returns400(string json)
    {
        await using var host = new SimHost();
        using var admin = host.Admin();

        var (status, _) = await admin.PostJsonAsync("/_simulator/faults", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task RequestLog_CountsEachMethodAndRouteIncludingFaultedRequests()
    {
        await using var host = new SimHost();
        using var admin = host.Admin();
        using var client = host.Api();
        await StartCallTests.StartAsync(host, "9876543210");
        await admin.PostJsonAsync("/_simulator/faults", new { kind = "error", route = "/v1/call/{id}" });
        await client.GetJsonAsync("/v1/call/00000000-0000-4000-8000-000000000000");
        await client.GetJsonAsync("/v1/call/00000000-0000-4000-8000-000000000001");

        var (_, posts) = await admin.GetJsonAsync("/_simulator/requests?method=POST&route=/v1/call");
        var (_, gets) = await admin.GetJsonAsync("/_simulator/requests?method=GET&route=/v1/call/{id}");
        var log = host.Services.GetRequiredService<RequestLog>();

        Assert.Equal(1, posts.GetProperty("count").GetInt64());
        Assert.Equal(200, posts.GetProperty("recent")[0].GetProperty("status_code").GetInt32());
        Assert.Equal(2, gets.GetProperty("count").GetInt64());
        Assert.All(gets.GetProperty("recent").EnumerateArray(), e => Assert.Equal(500, e.GetProperty("status_code").GetInt32()));
        Assert.Equal(1, log.Count("POST", "/v1/call"));
        Assert.Equal(0, log.Count("GET", "/_simulator/requests"));

        using var reset = await admin.DeleteAsync("/_simulator/requests", Http.Ct);
        Assert.Equal(0, log.Count("POST", "/v1/call"));
        Assert.Equal(0, log.Total);
    }

    [Fact]
    public async Task Clock_AdvanceAndSpeed_AreControlledThroughTheAdminApi()
    {
        await using var host = new SimHost();
        using var admin = host.Admin();

        var (_, before) = await admin.GetJsonAsync("/_simulator/clock");
        var (_, advanced) = await admin.PostJsonAsync("/_simulator/clock", new { advance_seconds = 3600 });
        var (_, fast) = await admin.PostJsonAsync("/_simulator/clock", new { speed = 60 });
        host.Time.Advance(TimeSpan.FromSeconds(10));
        var (_, after) = await admin.GetJsonAsync("/_simulator/clock");
        var (bad, _) = await admin.PostJsonAsync("/_simulator/clock", new { speed = -1 });

        Assert.Equal(SimHost.Start, DateTimeOffset.Parse(before.Str("utc_now"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(SimHost.Start.AddHours(1), DateTimeOffset.Parse(advanced.Str("utc_now"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(60, fast.GetProperty("speed").GetDouble());
        Assert.Equal(SimHost.Start.AddHours(1).AddMinutes(10), DateTimeOffset.Parse(after.Str("utc_now"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith("+05:30", after.Str("now"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad);
    }

    [Fact]
    public async Task AdminClockAdvance_MovesCallsAlong()
    {
        await using var host = new SimHost();
        using var admin = host.Admin();
        var id = await StartCallTests.StartAsync(host, OutcomeRules.NationalNumber(OutcomeRules.VoicemailSuffix));

        await admin.PostJsonAsync("/_simulator/clock", new { advance_seconds = 120 });
        var call = await StartCallTests.GetCallAsync(host, id);

        Assert.Equal("voicemail", call.Str("status"));
    }

    [Fact]
    public async Task Settings_ValidationStyleSwitchedAtRunTime_Changes400To422()
    {
        await using var host = new SimHost();
        using var admin = host.Admin();
        using var client = host.Api();

        var (before, _) = await client.PostJsonAsync("/v1/dnd_numbers", new { phone = "9876543210" });
        var (_, settings) = await admin.SendJsonAsync(HttpMethod.Patch, "/_simulator/settings", new { validation_style = "intro" });
        var (after, body) = await client.PostJsonAsync("/v1/dnd_numbers", new { phone = "9876543210" });

        Assert.Equal(HttpStatusCode.BadRequest, before);
        Assert.Equal("intro", settings.Str("validation_style"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, after);
        Assert.Equal("param is missing or the value is empty: agent_uuid", body.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task Accounts_ListsTokensAgentsAndCampaigns()
    {
        await using var host = new SimHost();
        using var admin = host.Admin();

        var (status, body) = await admin.GetJsonAsync("/_simulator/accounts");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(SimulatorDefaults.PrimaryToken, body[0].Str("token"));
        Assert.Equal(SimulatorDefaults.SecondaryToken, body[1].Str("token"));
        Assert.Contains(body[0].GetProperty("agents").EnumerateArray(), a => a.Str("state") == "archived");
    }

    [Fact]
    public async Task EmbeddedSimulator_ServesOnALoopbackPort()
    {
        await using var simulator = await EmbeddedSimulator.StartAsync(["--Simulator:PrimaryCallCount=200", "--Simulator:SecondaryCallCount=20"], Http.Ct);
        using var client = new HttpClient { BaseAddress = simulator.BaseUrl };
        client.DefaultRequestHeaders.Add("API-Token", simulator.ApiToken);

        var (status, body) = await client.GetJsonAsync("v1/calls?per_page=1");

        Assert.Equal("127.0.0.1", simulator.BaseUrl.Host);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.InRange(body.GetProperty("meta").GetProperty("total_count").GetInt32(), 200, 300);
        Assert.NotNull(simulator.Services.GetService<SimulatorWorld>());
    }
}
