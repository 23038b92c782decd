using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Osvi.Dashboard.Hosting;

internal static class LoggingSetup
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>Serilog for everything: levels from the <c>Serilog</c> section, enrichment from the log context, a
    /// readable console (<c>Dashboard:LogFormat=Text</c>, default) or compact JSON (<c>Json</c>, e.g. in the container),
    /// plus any <see cref="ILogEventSink"/> registered in DI (tests capture output that way). Secrets are scrubbed from
    /// every property last, behind the rule that requests, headers and options are never logged.</summary>
    public static WebApplicationBuilder AddDashboardLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SecretRedactionEnricher>();
        builder.Services.AddSerilog((services, logger) =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            logger.ReadFrom.Configuration(configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.With(services.GetRequiredService<SecretRedactionEnricher>());

            if (string.Equals(configuration[DashboardConfigNames.LogFormat], "Json", StringComparison.OrdinalIgnoreCase))
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
        }, preserveStaticLogger: true);   // each host keeps its own logger (tests run several hosts in one process)
        return builder;
    }

    /// <summary>Logs each request once at its end (path without query string), quietly for health probes.</summary>
    public static WebApplication UseDashboardRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/readyz") ? LogEventLevel.Debug
                : LogEventLevel.Information;
        });
        return app;
    }
}

/// <summary>Replaces the OSVI token and presigned URL queries in every string property of a log event.</summary>
internal sealed class SecretRedactionEnricher(SecretRedactor redactor) : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToArray())
        {
            var redacted = Redact(value);
            if (!ReferenceEquals(redacted, value))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, redacted));
            }
        }
    }

    private LogEventPropertyValue Redact(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text } when redactor.ContainsSecret(text):
                return new ScalarValue(redactor.Redact(text));
            case ScalarValue { Value: Uri uri } when redactor.ContainsSecret(uri.ToString()):
                return new ScalarValue(redactor.Redact(uri.ToString()));
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(Redact).ToArray();
                return elements.SequenceEqual(sequence.Elements) ? value : new SequenceValue(elements);
            case StructureValue structure:
                var properties = structure.Properties.Select(p => new LogEventProperty(p.Name, Redact(p.Value))).ToArray();
                return properties.Select(p => p.Value).SequenceEqual(structure.Properties.Select(p => p.Value)) ? value : new StructureValue(properties, structure.TypeTag);
            case DictionaryValue dictionary:
                var pairs = dictionary.Elements.Select(pair => new KeyValuePair<ScalarValue, LogEventPropertyValue>(pair.Key, Redact(pair.Value))).ToArray();
                return pairs.Select(p => p.Value).SequenceEqual(dictionary.Elements.Select(p => p.Value)) ? value : new DictionaryValue(pairs);
            default:
                return value;
        }
    }
}
