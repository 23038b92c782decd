using System.Net.Http.Json;
using System.Text.Json;
using Osvi.Simulator;

namespace Osvi.Dashboard.Testing;

/// <summary>The simulator's admin API (<c>/_simulator</c>) and its OSVI API with the primary token, as the dashboard's
/// tests and benchmarks drive them: faults, request counters, the clock, campaign status.</summary>
/// <param name="createClient">Makes an HttpClient whose base address is the simulator (in memory or on a port).</param>
public sealed class SimulatorAdminClient(Func<HttpClient> createClient)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The admin API of a <see cref="DashboardFactory"/>'s in-memory simulator.</summary>
    public static SimulatorAdminClient For(DashboardFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new(() => factory.Simulator.CreateClient());
    }

    /// <summary>The admin API of a simulator on a loopback port (demo mode).</summary>
    public static SimulatorAdminClient For(Uri baseUrl) => new(() => new HttpClient { BaseAddress = baseUrl });

    /// <summary>Adds a fault rule (<c>kind</c>, <c>method</c>, <c>route</c>, <c>times</c>, …); returns its id.</summary>
    public async Task<int> AddFaultAsync(object rule, CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Post, "/_simulator/faults", rule, ct)).GetProperty("id").GetInt32();

    /// <summary>Removes one fault rule.</summary>
    public Task RemoveFaultAsync(int id, CancellationToken ct = default) => SendAsync(HttpMethod.Delete, $"/_simulator/faults/{id}", null, ct);

    /// <summary>Requests with this method and route template (e.g. <c>/v1/campaigns/{id}/contacts</c>) so far, faulted ones included.</summary>
    public async Task<long> RequestCountAsync(string method, string route, CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Get, $"/_simulator/requests?method={method}&route={Uri.EscapeDataString(route)}", null, ct)).GetProperty("count").GetInt64();

    /// <summary>Resets the request counters.</summary>
    public Task ResetRequestsAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Delete, "/_simulator/requests", null, ct);

    /// <summary>Sets the simulated clock's speed (e.g. 60 = a minute a second).</summary>
    public Task SetClockSpeedAsync(double speed, CancellationToken ct = default) => SendAsync(HttpMethod.Post, "/_simulator/clock", new { speed }, ct);

    /// <summary>Moves the simulated clock (every event that falls due runs).</summary>
    public Task AdvanceAsync(TimeSpan by, CancellationToken ct = default) => SendAsync(HttpMethod.Post, "/_simulator/clock", new { advance_seconds = by.TotalSeconds }, ct);

    /// <summary>Sets a campaign's status (<c>active</c> resumes dialling).</summary>
    public Task SetCampaignStatusAsync(long campaignId, string status, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"/_simulator/campaigns/{campaignId}/status", new { status }, ct);

    /// <summary>An OSVI API call with the primary account's token (e.g. <c>GET /v1/active_agents</c>).</summary>
    public Task<JsonElement> OsviAsync(HttpMethod method, string path, object? body = null, CancellationToken ct = default) =>
        SendAsync(method, path, body, ct, osvi: true);

    /// <summary>The uuid of the primary account's active agent with this name.</summary>
    public async Task<string> AgentUuidAsync(string name, CancellationToken ct = default) =>
        (await OsviAsync(HttpMethod.Get, "/v1/active_agents", ct: ct)).EnumerateArray()
            .First(agent => agent.GetProperty("name").GetString() == name).GetProperty("agent_id").GetString()!;

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct, bool osvi = false)
    {
        using var client = createClient();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add(osvi ? "API-Token" : SimulatorDefaults.AdminKeyHeader, osvi ? SimulatorDefaults.PrimaryToken : SimulatorDefaults.AdminKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: s_json);
        }

        using var response = await client.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
