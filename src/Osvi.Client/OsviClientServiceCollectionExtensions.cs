using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Osvi.Client.Serialization;
using Refit;

namespace Osvi.Client;

/// <summary>Registers the OSVI client.</summary>
public static class OsviClientServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="OsviApiOptions"/> from the <c>OsviApi</c> section (at start-up), and
    /// registers <see cref="IOsviApi"/> through HttpClientFactory with the token handler and resilience (timeouts on
    /// every call; retries with backoff, jitter and <c>Retry-After</c> for GETs only; a circuit breaker).</summary>
    /// <returns>The client's builder, e.g. to replace the primary handler in tests.</returns>
    public static IHttpClientBuilder AddOsviClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<OsviApiOptions>()
            .Bind(configuration.GetSection(OsviApiOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OsviApiOptions>, OsviApiOptionsValidator>();
        services.AddTransient<OsviApiTokenHandler>();

        var settings = new RefitSettings(new SystemTextJsonContentSerializer(OsviJson.Options));
        var builder = services.AddRefitClient<IOsviApi>(settings)
            .ConfigureHttpClient((provider, client) =>
            {
                var options = provider.GetRequiredService<IOptionsMonitor<OsviApiOptions>>().CurrentValue;
                client.BaseAddress = options.BaseUrl;
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<OsviApiTokenHandler>();

        var pipeline = builder.AddStandardResilienceHandler();
        services.AddOptions<HttpStandardResilienceOptions>(pipeline.PipelineName)
            .Configure<IOptionsMonitor<OsviApiOptions>>((resilience, monitor) =>
            {
                var options = monitor.CurrentValue;
                resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
                resilience.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2;
                resilience.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetries);
                resilience.Retry.ShouldRetryAfterHeader = true;
                // A call, an upload or a DND change must never be sent twice.
                resilience.Retry.DisableForUnsafeHttpMethods();
            });

        return builder;
    }
}
