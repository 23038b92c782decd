using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Options;

namespace Osvi.Dashboard.Hosting;

/// <summary>Applies <see cref="LimitsOptions"/> to Kestrel, form reading and the circuits' SignalR hub, and answers an
/// oversized request with a plain 413 that says the limit (instead of a broken page).</summary>
internal static partial class LimitsSetup
{
    public static IServiceCollection AddDashboardLimits(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<DashboardOptions>>((kestrel, dashboard) =>
            kestrel.Limits.MaxRequestBodySize = dashboard.Value.Limits.MaxRequestBodyBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<DashboardOptions>>((form, dashboard) =>
        {
            form.MultipartBodyLengthLimit = dashboard.Value.Limits.MaxRequestBodyBytes;
            form.ValueLengthLimit = (int)Math.Min(int.MaxValue, dashboard.Value.Limits.MaxRequestBodyBytes);
        });
        // Every hub's options start from these (Blazor's circuit hub included); SignalR closes a connection that sends
        // more, so the text fields are capped below it (MaxPastedTextLength, MaxTextLength).
        services.AddOptions<HubOptions>().Configure<IOptions<DashboardOptions>>((hub, dashboard) =>
            hub.MaximumReceiveMessageSize = dashboard.Value.Limits.MaxHubMessageBytes);
        return services;
    }

    /// <summary>Refuses a request whose declared or streamed body is larger than <see cref="LimitsOptions.MaxRequestBodyBytes"/>.</summary>
    public static IApplicationBuilder UseDashboardRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var max = context.RequestServices.GetRequiredService<IOptions<DashboardOptions>>().Value.Limits.MaxRequestBodyBytes;
        if (context.Request.ContentLength > max)
        {
            await RefuseAsync(context, max);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await RefuseAsync(context, max);
        }
    });

    private static async Task RefuseAsync(HttpContext context, long max)
    {
        LogTooLarge(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LimitsSetup).FullName!),
            context.Request.Path, context.Request.ContentLength, max);
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(
            $"The request is larger than the dashboard accepts ({InputLimits.Size(max)}, setting {DashboardConfigNames.Limits}:MaxRequestBodyBytes). Nothing was processed.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Path} of {Length} bytes: larger than the limit of {Max} bytes")]
    private static partial void LogTooLarge(ILogger logger, PathString path, long? length, long max);
}
