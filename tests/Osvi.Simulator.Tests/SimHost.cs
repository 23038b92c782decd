using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Tests;

/// <summary>The simulator in memory (real HTTP through TestServer) on a fake clock that only moves when told.</summary>
public sealed class SimHost : IAsyncDisposable
{
    /// <summary>09:30 IST on a Friday.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 12, 4, 0, 0, TimeSpan.Zero);

    private readonly WebApplicationFactory<SimulatorEntryPoint> _factory;

    public SimHost(Action<IServiceCollection>? services = null, params (string Key, string Value)[] settings)
    {
        Time = new FakeTimeProvider(Start);
        _factory = new WebApplicationFactory<SimulatorEntryPoint>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(s =>
            {
                s.AddSingleton<TimeProvider>(Time);
                services?.Invoke(s);
            });
        });
    }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _factory.Services;

    public SimulatorWorld World => Services.GetRequiredService<SimulatorWorld>();

    /// <summary>A client with an account's API token (primary by default); null = no token.</summary>
    public HttpClient Api(string? token = SimulatorDefaults.PrimaryToken)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("API-Token", token);
        }

        return client;
    }

    /// <summary>A client with the admin key.</summary>
    public HttpClient Admin()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add(SimulatorDefaults.AdminKeyHeader, SimulatorDefaults.AdminKey);
        return client;
    }

    /// <summary>Moves the fake clock and lets the world catch up.</summary>
    public void Advance(TimeSpan by)
    {
        Time.Advance(by);
        World.Tick();
    }

    /// <summary>Agents of an account by state and channel.</summary>
    public SimulatedAgent Agent(AgentState state = AgentState.Active, AgentChannel channel = AgentChannel.Voice, int account = 0, Func<SimulatedAgent, bool>? where = null) =>
        World.GetAccounts()[account].Agents.First(a => a.State == state && a.Channel == channel && (where?.Invoke(a) ?? true));

    /// <summary>The first active voice agent with an outbound trunk.</summary>
    public SimulatedAgent Dialler(int account = 0) => Agent(account: account, where: a => a.HasOutboundTrunk);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}

/// <summary>A simulator shared by read-only tests (its clock never moves).</summary>
public sealed class SharedSimulator : IAsyncDisposable
{
    public SimHost Host { get; } = new();

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

/// <summary>JSON helpers over HttpClient.</summary>
public static class Http
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
        }

        using var response = await client.SendAsync(request, Ct);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(this HttpClient client, string path, object? body) =>
        client.SendJsonAsync(HttpMethod.Post, path, body);

    public static Task<(HttpStatusCode Status, JsonElement Body)> DeleteJsonAsync(this HttpClient client, string path) =>
        client.SendJsonAsync(HttpMethod.Delete, path, null);

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static JsonElement Data(this JsonElement element) => element.GetProperty("data");

    /// <summary>Asserts a D1 error body with the given message.</summary>
    public static void AssertD1(this JsonElement body, string error)
    {
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal(error, body.Str("error"));
        Assert.True(body.TryGetProperty("details", out _), "D1 bodies always carry details");
    }
}
