using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Osvi.Simulator;

namespace Osvi.Client.Tests.Contract;

/// <summary>The simulator's admin API (<c>/_simulator</c>, its own key), however the simulator is hosted.</summary>
/// <param name="createClient">Makes an HttpClient whose base address is the simulator.</param>
public sealed class SimulatorAdmin(Func<HttpClient> createClient)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Moves the simulated clock (the world runs every event that falls due).</summary>
    public Task AdvanceAsync(TimeSpan by) => SendAsync(HttpMethod.Post, "/_simulator/clock", new { advance_seconds = by.TotalSeconds });

    /// <summary>Adds a fault rule (<c>kind</c>, <c>method</c>, <c>route</c>, <c>times</c>, …); returns its id.</summary>
    public async Task<int> AddFaultAsync(object rule) =>
        (await SendAsync(HttpMethod.Post, "/_simulator/faults", rule, HttpStatusCode.Created)).GetProperty("id").GetInt32();

    public Task ClearFaultsAsync() => SendAsync(HttpMethod.Delete, "/_simulator/faults", null, HttpStatusCode.NoContent);

    /// <summary>Flips run-time switches (<c>validation_style</c>, <c>dnd_call_behavior</c>, <c>call_id_style</c>, <c>unauthorized_body</c>).</summary>
    public Task SetSettingsAsync(object settings) => SendAsync(HttpMethod.Patch, "/_simulator/settings", settings);

    /// <summary>Puts every switch back to the contract's defaults.</summary>
    public Task ResetSettingsAsync() =>
        SetSettingsAsync(new { validation_style = "v1", dnd_call_behavior = "reject", call_id_style = "uuid", unauthorized_body = "" });

    /// <summary>How many requests with this method and route template reached the simulator so far (faulted ones too).</summary>
    public async Task<long> RequestCountAsync(string method, string route) =>
        (await SendAsync(HttpMethod.Get, $"/_simulator/requests?method={method}&route={Uri.EscapeDataString(route)}", null))
            .GetProperty("count").GetInt64();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = createClient();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add(SimulatorDefaults.AdminKeyHeader, SimulatorDefaults.AdminKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: s_json);
        }

        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
