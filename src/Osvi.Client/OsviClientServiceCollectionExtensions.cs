using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Osvi.Client.Serialization;
using Refit;

namespace Osvi.Client;

/// <summary>Registers the OSVI client.</summary>
public static class OsviClientServiceCollectionExtensions
{
    /// <summary>The name of the client's <see cref="HttpClient"/> and so of its HttpClientFactory options and its
    /// resilience pipeline (<c>OsviApi-standard</c>). Requests are logged under the category
    /// <c>Osvi.Client.OsviHttpLogger</c>.</summary>
    public const string HttpClientName = "OsviApi";

    /// <summary>The largest error body kept on an <see cref="ApiException"/> (a proxy's HTML page can be big).</summary>
    private const int MaxExceptionContentLength = 64 * 1024;

    /// <summary>Binds and validates <see cref="OsviApiOptions"/> from the <c>OsviApi</c> section (at start-up, with
    /// messages naming the key), and registers <see cref="IOsviApi"/> through HttpClientFactory:
    /// <list type="bullet">
    /// <item>the token handler, the only place the <c>API-Token</c> header is added;</item>
    /// <item>Refit's exception redactor, which strips the header and scrubs the token and URL queries from bodies kept
    /// on exceptions; HttpClient logging that records method, path, status and duration but never a header;</item>
    /// <item>the standard resilience handler: attempt and total timeouts on every call; retries with exponential
    /// backoff, jitter and <c>Retry-After</c> for GETs only (a call, an upload, a DND change or a chat command is
    /// never sent twice); a circuit breaker so a failing OSVI is not hammered. It replaces any resilience handler
    /// added to all clients through <c>ConfigureHttpClientDefaults</c>.</item>
    /// </list></summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root (the <c>OsviApi</c> section is read from it).</param>
    /// <returns>The client's builder, e.g. to replace the primary handler in tests.</returns>
    public static IHttpClientBuilder AddOsviClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<OsviApiOptions>()
            .Bind(configuration.GetSection(OsviApiOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OsviApiOptions>, OsviApiOptionsValidator>());
        services.TryAddTransient<OsviApiTokenHandler>();
        services.TryAddSingleton<OsviHttpLogger>();

        var builder = services.AddRefitGeneratedClient<IOsviApi>(CreateSettings, HttpClientName)
            .ConfigureHttpClient((provider, client) =>
            {
                client.BaseAddress = provider.GetRequiredService<IOptionsMonitor<OsviApiOptions>>().CurrentValue.BaseUrl;
                // The resilience handler owns timeouts (per attempt and in total).
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<OsviApiTokenHandler>()
            // The default loggers hand raw header values to structured sinks; ours never logs headers. The redaction
            // still covers anyone who adds the default logging back.
            .RemoveAllLoggers()
            .AddLogger<OsviHttpLogger>(wrapHandlersPipeline: true)
            .RedactLoggedHeaders([OsviApiOptions.ApiTokenHeaderName]);

        // A resilience handler added to every client (ConfigureHttpClientDefaults) would retry writes; only ours applies.
        // Experimental in 10.11 (pinned); a test fails if an upgrade changes what it does.
#pragma warning disable EXTEXP0001
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.AddStandardResilienceHandler()
            .Configure((resilience, provider) =>
            {
                OsviApiOptions options;
                try
                {
                    options = provider.GetRequiredService<IOptionsMonitor<OsviApiOptions>>().CurrentValue;
                }
                catch (OptionsValidationException)
                {
                    // Start-up validation of OsviApiOptions reports this, naming the keys; repeating it here would only
                    // double the message. The pipeline keeps its valid defaults and no request can be sent anyway.
                    return;
                }

                OsviResilience.Configure(resilience, options);
            });

        return builder;
    }

    private static RefitSettings CreateSettings(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptionsMonitor<OsviApiOptions>>();
        return new RefitSettings(new SystemTextJsonContentSerializer(OsviJson.Options))
        {
            // The token handler already takes the header off the request; this also covers bodies and any other path.
            ExceptionRedactor = exception => OsviRedaction.RedactException(exception, options.CurrentValue.ApiToken),
            MaxExceptionContentLength = MaxExceptionContentLength,
        };
    }
}
