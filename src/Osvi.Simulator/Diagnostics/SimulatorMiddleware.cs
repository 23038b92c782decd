using Osvi.Simulator.Auth;
using Osvi.Simulator.Endpoints;
using Osvi.Simulator.Faults;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Diagnostics;

/// <summary>The simulator's request pipeline, in order: errors → routing → request log → faults → auth.</summary>
internal static class SimulatorMiddleware
{
    public static void UseSimulatorPipeline(this WebApplication app)
    {
        app.Use(HandleErrorsAsync);
        app.UseRouting();
        app.Use(LogAndFaultAsync);
        app.Use(AuthenticateAsync);
    }

    private static bool IsAdmin(PathString path) => path.StartsWithSegments("/_simulator", StringComparison.OrdinalIgnoreCase);

    private static bool IsApi(PathString path) => path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase);

    /// <summary>Bad input never becomes a 500 or a stack trace; a real bug becomes a bare D1 500.</summary>
    private static async Task HandleErrorsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await ApiErrors.WriteErrorAsync(context, StatusCodes.Status400BadRequest,
                ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body is too large" : "Bad request");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Osvi.Simulator").LogError(ex, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await ApiErrors.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, ApiErrors.ServerErrorMessage);
        }
    }

    private static async Task LogAndFaultAsync(HttpContext context, RequestDelegate next)
    {
        if (IsAdmin(context.Request.Path))
        {
            await next(context);
            return;
        }

        var method = context.Request.Method;
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? RequestLog.Unmatched;
        var path = context.Request.Path.Value ?? "/";
        var log = context.RequestServices.GetRequiredService<RequestLog>();
        var (sequence, at) = log.Arrived(method, route);
        var statusCode = 0;
        try
        {
            var faults = context.RequestServices.GetRequiredService<FaultStore>();
            if (!faults.IsEmpty && faults.Hit(method, route, path) is { } fault)
            {
                if (!await ApplyFaultAsync(context, fault))
                {
                    statusCode = context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode;
                    return;
                }
            }

            await next(context);
            statusCode = context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode;
        }
        finally
        {
            log.Completed(sequence, method, route, path, statusCode, at);
        }
    }

    /// <summary>Applies a fault; true when the request should then be served normally.</summary>
    private static async Task<bool> ApplyFaultAsync(HttpContext context, FaultRule fault)
    {
        if (fault.LatencyMs > 0)
        {
            await Task.Delay(fault.LatencyMs, context.RequestAborted);
        }

        switch (fault.Kind)
        {
            case FaultKinds.Latency:
                return true;
            case FaultKinds.RateLimit:
                context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ApiErrors.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "Rate limit exceeded");
                return false;
            case FaultKinds.Timeout:
                // Hang until the client gives up (its timeout) or the server stops.
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return false;
            case FaultKinds.Abort:
                context.Abort();
                return false;
            default:
                await ApiErrors.WriteErrorAsync(context, fault.StatusCode, fault.StatusCode == 500 ? ApiErrors.ServerErrorMessage : "Injected fault");
                return false;
        }
    }

    private static async Task AuthenticateAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (IsApi(path))
        {
            var token = context.Request.Headers[ApiToken.HeaderName].ToString();
            var account = token.Length == ApiToken.Length ? context.RequestServices.GetRequiredService<SimulatorWorld>().FindAccount(token) : null;
            if (account is null)
            {
                await context.RequestServices.GetRequiredService<ApiErrors>().WriteUnauthorizedAsync(context);
                return;
            }

            ApiToken.SetAccount(context, account);
        }
        else if (IsAdmin(path))
        {
            var expected = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SimulatorOptions>>().Value.AdminKey;
            var given = context.Request.Headers[SimulatorDefaults.AdminKeyHeader].ToString();
            if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(expected)))
            {
                await ApiErrors.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Invalid or missing admin key (" + SimulatorDefaults.AdminKeyHeader + ")");
                return;
            }
        }

        await next(context);
    }
}
