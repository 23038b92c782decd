using System.Net;

namespace Osvi.Simulator.Tests;

public sealed class AuthTests(SharedSimulator shared) : IClassFixture<SharedSimulator>
{
    public static TheoryData<string, string> V1Routes => new()
    {
        { "GET", "/v1/active_agents" },
        { "GET", "/v1/calls" },
        { "POST", "/v1/call" },
        { "GET", "/v1/call/6e8c8966-0254-4e24-981c-a576ac31ffba" },
        { "GET", "/v1/campaigns/7/status" },
        { "POST", "/v1/campaigns/7/contacts" },
        { "GET", "/v1/dnd_numbers?agent_uuid=x" },
        { "POST", "/v1/chat/session" },
        { "GET", "/v1/chat/session/active?customer_id=1" },
    };

    [Theory]
    [MemberData(nameof(V1Routes))]
    public async Task V1Route_WithoutToken_Returns401D1(string method, string path)
    {
        using var client = shared.Host.Api(token: null);

        var (status, body) = await client.SendJsonAsync(new HttpMethod(method), path, method == "POST" ? "{}" : null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        body.AssertD1("Invalid or missing API token");
    }

    [Theory]
    [InlineData("sim-primary-001")]
    [InlineData("sim-primary-00011")]
    [InlineData("unknown-token-16")]
    public async Task V1Route_WrongOrUnknownToken_Returns401(string token)
    {
        using var client = shared.Host.Api(token);

        var (status, _) = await client.GetJsonAsync("/v1/active_agents");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task AdminRoute_WithoutKey_Returns401()
    {
        using var client = shared.Host.Api();

        var (status, _) = await client.GetJsonAsync("/_simulator/requests");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task UnknownRoute_WithToken_Returns404D1()
    {
        using var client = shared.Host.Api();

        var (status, body) = await client.GetJsonAsync("/v1/nothing_here");

        Assert.Equal(HttpStatusCode.NotFound, status);
        body.AssertD1("Not found");
    }

    [Fact]
    public async Task UnauthorizedBody_SwitchedAtRunTime_IsServedVerbatim()
    {
        await using var host = new SimHost();
        using var admin = host.Admin();
        var (patched, _) = await admin.SendJsonAsync(HttpMethod.Patch, "/_simulator/settings", new { UnauthorizedBody = """{"message":"Unauthorized"}""" });
        using var client = host.Api(token: null);

        using var response = await client.GetAsync("/v1/calls", Http.Ct);

        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"message":"Unauthorized"}""", await response.Content.ReadAsStringAsync(Http.Ct));
    }
}
