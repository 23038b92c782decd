using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Osvi.Client.Tests.Infrastructure;
using Osvi.Simulator;
using Osvi.Simulator.Webhooks;
using Osvi.Simulator.World;

namespace Osvi.Client.Tests.Contract;

/// <summary>
/// The simulator in memory (<see cref="WebApplicationFactory{TEntryPoint}"/>) on a fake host clock, plus real
/// <see cref="IOsviApi"/> clients built by <c>AddOsviClient</c> whose only replaced part is the primary handler, routed to
/// the simulator's TestServer. One instance is shared by the tests of a class (xunit runs them one after another).
/// </summary>
/// <remarks>The history is shrunk to <see cref="PrimaryCallCount"/> calls: no contract test needs 5,200. Time only
/// moves when a test says so: <see cref="AdvanceAsync"/> moves the simulated clock through the admin API,
/// <see cref="Time"/> moves the host clock (recording URL expiry follows it).</remarks>
public sealed class SimulatorFixture : IAsyncDisposable
{
    /// <summary>09:30 IST on Friday 12 June 2026: the simulator's "now" until a test moves it.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 12, 4, 0, 0, TimeSpan.Zero);

    public const int PrimaryCallCount = 600;

    private readonly WebApplicationFactory<SimulatorEntryPoint> _factory;
    private readonly Lazy<ContractClient> _primary;
    private readonly Lazy<ContractClient> _secondary;

    public SimulatorFixture()
    {
        Time = new FakeTimeProvider(Start);
        _factory = new WebApplicationFactory<SimulatorEntryPoint>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Simulator:PrimaryCallCount", PrimaryCallCount.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Simulator:SecondaryCallCount", "80");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<TimeProvider>(Time);
                services.AddHttpClient(WebhookDispatcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Webhooks);
            });
        });
        _primary = new(() => Client(recordWire: true));
        _secondary = new(() => Client(SimulatorDefaults.SecondaryToken, recordWire: true));
        Admin = new SimulatorAdmin(() => _factory.CreateClient());
    }

    /// <summary>Stands in for every <c>webhook_url</c> receiver: W1 deliveries end up here.</summary>
    public WebhookReceiver Webhooks { get; } = new();

    /// <summary>The simulator's host clock (the simulated clock runs at speed 1 on top of it).</summary>
    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _factory.Services;

    public SimulatorWorld World => Services.GetRequiredService<SimulatorWorld>();

    /// <summary>A client of the primary account (Sunrise Services, id 7), shared by the class.</summary>
    public IOsviApi Primary => _primary.Value.Api;

    /// <summary>The raw JSON of the last answer <see cref="Primary"/> received.</summary>
    public JsonElement PrimaryWire => _primary.Value.LastWire;

    /// <summary>The path and query of the last request <see cref="Primary"/> sent.</summary>
    public string PrimarySent => _primary.Value.Sent.Last();

    /// <summary>A client of the second account (Bharat Logistics, id 8), shared by the class.</summary>
    public IOsviApi Secondary => _secondary.Value.Api;

    /// <summary>What the simulator itself logged.</summary>
    public FakeLogCollector ServerLogs => Services.GetFakeLogCollector();

    /// <summary>The admin API (<c>/_simulator</c>): clock, faults, settings, request counters.</summary>
    public SimulatorAdmin Admin { get; }

    /// <summary>A fresh client (its own circuit breaker and captured logs) routed to the TestServer; dispose it.</summary>
    /// <param name="token">The API token it sends.</param>
    /// <param name="configure">Changes any <c>OsviApi</c> setting.</param>
    /// <param name="recordWire">Keep each request and raw answer (see <see cref="ContractClient.Wire"/>). Off by default:
    /// fault tests want the pipeline exactly as <c>AddOsviClient</c> builds it.</param>
    public ContractClient Client(string token = SimulatorDefaults.PrimaryToken, Action<Dictionary<string, string?>>? configure = null, bool recordWire = false) =>
        new(_factory.Server.BaseAddress, token, configure, () => _factory.Server.CreateHandler(), recordWire);

    /// <summary>A plain HttpClient on the TestServer: no API token unless given (presigned URLs need none).</summary>
    public HttpClient Http(string? token = null)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("API-Token", token);
        }

        return client;
    }

    /// <summary>The raw JSON the simulator answers to a GET (the oracle typed values are compared with).</summary>
    public async Task<JsonElement> RawGetAsync(string pathAndQuery, string token = SimulatorDefaults.PrimaryToken)
    {
        using var client = Http(token);
        using var response = await client.GetAsync(pathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    /// <summary>Moves the simulated clock through the admin API (the world runs every event that falls due).</summary>
    public Task AdvanceAsync(TimeSpan by) => Admin.AdvanceAsync(by);

    public Task<int> AddFaultAsync(object rule) => Admin.AddFaultAsync(rule);

    public Task ClearFaultsAsync() => Admin.ClearFaultsAsync();

    public Task SetSettingsAsync(object settings) => Admin.SetSettingsAsync(settings);

    public Task ResetSettingsAsync() => Admin.ResetSettingsAsync();

    public Task<long> RequestCountAsync(string method, string route) => Admin.RequestCountAsync(method, route);

    /// <summary>An agent of an account (0 = primary, 1 = secondary) by state and channel.</summary>
    public SimulatedAgent Agent(AgentState state = AgentState.Active, AgentChannel channel = AgentChannel.Voice, int account = 0, Func<SimulatedAgent, bool>? where = null) =>
        World.GetAccounts()[account].Agents.First(a => a.State == state && a.Channel == channel && (where?.Invoke(a) ?? true));

    /// <summary>An active voice agent with an outbound trunk (it can place calls and take enqueued contacts).</summary>
    public SimulatedAgent Dialler(int account = 0, string? name = null) =>
        Agent(account: account, where: a => a.HasOutboundTrunk && (name is null || a.Name == name));

    public async ValueTask DisposeAsync()
    {
        if (_primary.IsValueCreated)
        {
            _primary.Value.Dispose();
        }

        if (_secondary.IsValueCreated)
        {
            _secondary.Value.Dispose();
        }

        await _factory.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

/// <summary>The customer's webhook receiver: records every delivery and answers 200.</summary>
public sealed class WebhookReceiver : HttpMessageHandler
{
    private readonly ConcurrentQueue<(Uri Url, string Body)> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    /// <summary>The delivery to this URL, waiting (a few seconds at most) for the simulator's background dispatcher.</summary>
    public async Task<string> BodyForAsync(Uri url)
    {
        for (var i = 0; i < 50; i++)
        {
            if (_received.FirstOrDefault(r => r.Url == url) is { Body: { } body })
            {
                return body;
            }

            await _arrived.WaitAsync(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        }

        throw new Xunit.Sdk.XunitException($"No webhook reached {url}");
    }

    public int CountFor(Uri url) => _received.Count(r => r.Url == url);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _received.Enqueue((request.RequestUri!, await request.Content!.ReadAsStringAsync(cancellationToken)));
        _arrived.Release();
        return new HttpResponseMessage(HttpStatusCode.OK);
    }
}

/// <summary>One real client: <c>AddOsviClient</c> from configuration, the TestServer (or real sockets) as primary
/// handler, every log line captured at Trace level.</summary>
public sealed class ContractClient : IDisposable
{
    private readonly ServiceProvider _provider;

    /// <summary>A client of the simulator at <paramref name="baseUrl"/>; <paramref name="primaryHandler"/> null = real sockets.
    /// Timeouts and retry delays are short, so failing tests stay fast.</summary>
    internal ContractClient(Uri baseUrl, string token, Action<Dictionary<string, string?>>? configure, Func<HttpMessageHandler>? primaryHandler, bool recordWire)
    {
        var settings = new Dictionary<string, string?>
        {
            ["OsviApi:BaseUrl"] = baseUrl.ToString(),
            ["OsviApi:ApiToken"] = token,
            ["OsviApi:RetryBaseDelay"] = "00:00:00.005",
            ["OsviApi:AttemptTimeout"] = "00:00:10",
            ["OsviApi:TotalTimeout"] = "00:00:20",
        };
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        var builder = services.AddOsviClient(configuration);
        if (primaryHandler is not null)
        {
            builder.ConfigurePrimaryHttpMessageHandler(primaryHandler);
        }

        if (recordWire)
        {
            // Innermost, next to the wire: sees every attempt's raw answer.
            builder.AddHttpMessageHandler(() => new WireRecorder(Sent, Wire));
        }

        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Api = _provider.GetRequiredService<IOsviApi>();
    }

    public IOsviApi Api { get; }

    /// <summary>The path and query of every request this client put on the wire, newest last.</summary>
    public ConcurrentQueue<string> Sent { get; } = new();

    /// <summary>The raw JSON bodies of the answers this client received, newest last.</summary>
    public ConcurrentQueue<JsonElement> Wire { get; } = new();

    /// <summary>The raw JSON of the last answer (to compare a write's response with what the client read).</summary>
    public JsonElement LastWire => Wire.Last();

    /// <summary>Every captured log line as text: level, category, message, each structured value and the exception.</summary>
    public IReadOnlyList<string> LogText() => [.. _provider.GetFakeLogCollector().GetSnapshot().Select(SecretScan.LogLine)];

    public void Dispose() => _provider.Dispose();
}

/// <summary>Keeps each request's path and query and a copy of each JSON answer body; the content stays readable for Refit.</summary>
internal sealed class WireRecorder(ConcurrentQueue<string> sent, ConcurrentQueue<JsonElement> wire) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        sent.Enqueue(request.RequestUri!.PathAndQuery);
        var response = await base.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (text.Length > 0 && text[0] is '{' or '[')
        {
            wire.Enqueue(JsonDocument.Parse(text).RootElement.Clone());
        }

        return response;
    }
}
