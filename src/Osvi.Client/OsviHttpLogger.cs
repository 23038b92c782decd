using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace Osvi.Client;

/// <summary>Logs each OSVI request once: method, path (no query: phone numbers and customer ids live there), status
/// and duration. It replaces HttpClientFactory's default loggers, which at Trace level pass every header's raw value
/// as structured state (the <c>API-Token</c> included, even when its text is redacted), so structured sinks such as
/// Serilog would store the token.</summary>
internal sealed partial class OsviHttpLogger(ILogger<OsviHttpLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        var status = (int)response.StatusCode;
        var level = status switch
        {
            < 400 => LogLevel.Debug,
            < 500 => LogLevel.Information,
            _ => LogLevel.Warning,
        };
        LogAnswered(level, request.Method.Method, PathOf(request), status, elapsed.TotalMilliseconds);
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        if (exception is OperationCanceledException && exception is not TaskCanceledException { InnerException: TimeoutException })
        {
            LogCancelled(request.Method.Method, PathOf(request), elapsed.TotalMilliseconds);
            return;
        }

        LogFailed(request.Method.Method, PathOf(request), elapsed.TotalMilliseconds, exception.GetType().Name, exception);
    }

    private static string PathOf(HttpRequestMessage request) => request.RequestUri?.AbsolutePath ?? "";

    [LoggerMessage(EventId = 1, Message = "OSVI answered {Method} {Path} with {StatusCode} in {ElapsedMilliseconds:0} ms")]
    private partial void LogAnswered(LogLevel level, string method, string path, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "OSVI {Method} {Path} failed after {ElapsedMilliseconds:0} ms ({Failure})")]
    private partial void LogFailed(string method, string path, double elapsedMilliseconds, string failure, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "OSVI {Method} {Path} was cancelled by the caller after {ElapsedMilliseconds:0} ms")]
    private partial void LogCancelled(string method, string path, double elapsedMilliseconds);
}
