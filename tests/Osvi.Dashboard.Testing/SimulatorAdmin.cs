using System.Net.Http.Json;
using System.Text.Json;
using Osvi.Simulator;

namespace Osvi.Dashboard.Testing;

/// <summary>The simulator's admin API (<c>/_simulator</c>, README "Admin API") for tests: faults, request counters, the
/// clock, campaign status and the seeded agents. Works against the in-memory simulator of a <see cref="DashboardFactory"/>
/// or an embedded one on a loopback port.</summary>
public sealed class SimulatorAdmin(HttpClient http) : IDisposable
{
    /// <summary>The in-memory simulator of <paramref name="factory"/>.</summary>
    public static SimulatorAdmin For(DashboardFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new SimulatorAdmin(factory.Simulator.CreateClient());
    }

    /// <summary>A simulator on a real address (demo mode's embedded simulator).</summary>
    public static SimulatorAdmin For(Uri baseUrl) => new(new HttpClient { BaseAddress = baseUrl });

    /// <summary>Adds a fault rule, e.g. <c>new { kind = "error", method = "POST", route = "/v1/dnd_numbers", times = 2 }</c>.</summary>
    public async Task AddFaultAsync(object rule, CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Post, "/_simulator/faults", rule, ct)).Dispose();

    /// <summary>Removes every fault rule.</summary>
    public async Task ClearFaultsAsync(CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Delete, "/_simulator/faults", null, ct)).Dispose();

    /// <summary>How many requests the simulator counted for a method and route template (faulted ones included).</summary>
    public async Task<long> RequestCountAsync(string method, string route, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/_simulator/requests?method={method}&route={Uri.EscapeDataString(route)}", null, ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return body.GetProperty("count").GetInt64();
    }

    /// <summary>Moves the simulated clock forward; due events run.</summary>
    public async Task AdvanceClockAsync(TimeSpan by, CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Post, "/_simulator/clock", new { advance_seconds = by.TotalSeconds }, ct)).Dispose();

    /// <summary>Sets a campaign's status (<c>active</c> resumes dialling).</summary>
    public async Task SetCampaignStatusAsync(long campaignId, string status, CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Post, $"/_simulator/campaigns/{campaignId}/status", new { status }, ct)).Dispose();

    /// <summary>The agent id of a seeded agent of the primary account, by name.</summary>
    public async Task<string> AgentIdAsync(string name, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "/_simulator/accounts", null, ct);
        var accounts = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        foreach (var account in accounts.EnumerateArray())
        {
            foreach (var agent in account.GetProperty("agents").EnumerateArray())
            {
                if (agent.GetProperty("name").GetString() == name)
                {
                    return agent.GetProperty("agent_uuid").GetString()!;
                }
            }
        }

        throw new InvalidOperationException($"The simulator has no agent named {name}.");
    }

    public void Dispose() => http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(SimulatorDefaults.AdminKeyHeader, SimulatorDefaults.AdminKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using (request)
        {
            var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                response.Dispose();
                throw new InvalidOperationException($"{method} {path}: HTTP {(int)response.StatusCode} {text}");
            }

            return response;
        }
    }
}
