using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Osvi.Client.Tests.Infrastructure;

/// <summary>A real <see cref="IOsviApi"/> built by <c>AddOsviClient</c> (token handler, Refit settings, resilience,
/// HttpClient logging) whose only fake part is the primary handler. Every log line is captured at Trace level.</summary>
public sealed class OsviClientHarness : IDisposable
{
    public const string Token = "tok-Secret-12345";
    public const string BaseUrl = "https://osvi.test";

    private readonly ServiceProvider _provider;

    public OsviClientHarness(Action<Dictionary<string, string?>>? configure = null, Action<IServiceCollection>? configureServices = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["OsviApi:BaseUrl"] = BaseUrl,
            ["OsviApi:ApiToken"] = Token,
            // Fast but real: the same pipeline as production with shorter delays.
            ["OsviApi:RetryBaseDelay"] = "00:00:00.010",
            ["OsviApi:AttemptTimeout"] = "00:00:05",
            ["OsviApi:TotalTimeout"] = "00:00:15",
        };
        configure?.Invoke(settings);
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        configureServices?.Invoke(services);
        services.AddOsviClient(Configuration).ConfigurePrimaryHttpMessageHandler(() => Stub);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Api = _provider.GetRequiredService<IOsviApi>();
    }

    public StubHttpHandler Stub { get; } = new();

    /// <summary>The configuration the client was bound to; set a key and <c>Reload()</c> to change it at run time.</summary>
    public IConfigurationRoot Configuration { get; }

    public IOsviApi Api { get; }

    public IServiceProvider Services => _provider;

    public FakeLogCollector Logs => _provider.GetFakeLogCollector();

    /// <summary>Every captured log line as text: the formatted message, each structured value and the exception.</summary>
    public IReadOnlyList<string> LogText() =>
        [.. Logs.GetSnapshot().Select(r => string.Join(" | ",
            new[] { r.Level.ToString(), r.Category, r.Message, r.Exception?.ToString() }
                .Concat(r.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? [])))];

    public void Dispose() => _provider.Dispose();
}
