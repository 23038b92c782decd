using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Testing;
using Osvi.Simulator;
using Osvi.Simulator.World;

namespace Osvi.Dashboard.Tests.Chat;

/// <summary>The in-memory simulator behind a <see cref="DashboardFactory"/>, seen through its admin API: request
/// counters, faults and every message of a chat session (whispers included), plus the seeded chat agents.</summary>
internal sealed class ChatSimulator(DashboardFactory factory)
{
    public const string SessionRoute = "/v1/chat/session";
    public const string InboundRoute = "/v1/chat/inbound";
    public const string ActiveRoute = "/v1/chat/session/active";
    public const string SupportRoute = "/v1/chat/session/{id}/support";
    public const string InjectRoute = "/v1/chat/session/{id}/inject_context";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IReadOnlyList<SimulatedAgent> PrimaryAgents =>
        factory.Simulator.Services.GetRequiredService<SimulatorWorld>().GetAccounts().Single(a => a.Token == SimulatorDefaults.PrimaryToken).Agents;

    /// <summary>The demo account's active chat agent ("Order Help Chat").</summary>
    public string ActiveChatAgent => PrimaryAgents.First(a => a.Channel == AgentChannel.Chat && a.State == AgentState.Active).Uuid;

    /// <summary>The demo account's inactive chat agent.</summary>
    public string InactiveChatAgent => PrimaryAgents.First(a => a.Channel == AgentChannel.Chat && a.State == AgentState.Inactive).Uuid;

    public Task ResetCountersAsync() => SendAsync(HttpMethod.Delete, "/_simulator/requests", null, HttpStatusCode.NoContent);

    /// <summary>How many requests with this method and route template reached the simulator.</summary>
    public async Task<long> CountAsync(string method, string route) =>
        (await SendAsync(HttpMethod.Get, $"/_simulator/requests?method={method}&route={Uri.EscapeDataString(route)}", null)).GetProperty("count").GetInt64();

    public Task AddFaultAsync(object rule) => SendAsync(HttpMethod.Post, "/_simulator/faults", rule, HttpStatusCode.Created);

    /// <summary>Every message the simulator holds for a session: (role, content), in order.</summary>
    public async Task<IReadOnlyList<(string Role, string Content)>> MessagesAsync(string sessionId)
    {
        var body = await SendAsync(HttpMethod.Get, $"/_simulator/chat/sessions/{sessionId}/messages", null);
        var messages = body.ValueKind == JsonValueKind.Array ? body : body.GetProperty("messages");
        return [.. messages.EnumerateArray().Select(m => (m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!))];
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = factory.Simulator.CreateClient();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add(SimulatorDefaults.AdminKeyHeader, SimulatorDefaults.AdminKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
