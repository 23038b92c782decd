using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Osvi.Client;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security;

namespace Osvi.Dashboard.Services.Calls;

/// <summary><c>GET /recordings/{callId}[?download=1]</c>: a call's recording, streamed through the dashboard. It asks OSVI
/// for a presigned URL when it has none that is still good (<see cref="RecordingUrlCache"/>), forwards <c>Range</c> so the
/// player can seek (206), passes the storage's content type through, and copies bytes as they arrive (no file is ever
/// held whole). The browser never sees the presigned URL or the token; neither is logged. An expired or revoked URL
/// (403 from the storage) is replaced once. Needs <see cref="DashboardPermission.PlayRecordings"/>; plays and downloads
/// are audited (once per user, call and kind within <see cref="AuditWindow"/>, not on every seek).</summary>
internal sealed partial class RecordingEndpoint(
    RecordingUrlCache urls,
    IHttpClientFactory clients,
    IPermissionGuard guard,
    IAuditLog audit,
    RecordingAuditThrottle throttle,
    ILogger<RecordingEndpoint> logger)
{
    /// <summary>The named <see cref="HttpClient"/> that fetches presigned URLs: no OSVI token, no retries, no buffering,
    /// no request logging (its URLs are secrets).</summary>
    public const string HttpClientName = "OsviRecordings";

    /// <summary>The route.</summary>
    public const string Route = "/recordings/{callId}";

    /// <summary>How the plain-text answer to a failed lookup or fetch begins (the player shows the rest under its own title).</summary>
    public const string FailurePrefix = "The recording could not be loaded: ";

    /// <summary>How long one play or download counts as one audit entry.</summary>
    public static readonly TimeSpan AuditWindow = TimeSpan.FromMinutes(10);

    private const int CopyBufferSize = 64 * 1024;

    private static readonly string[] s_forwardedRequestHeaders = [HeaderNames.Range, HeaderNames.IfRange];
    private static readonly string[] s_forwardedContentHeaders = [HeaderNames.ContentType, HeaderNames.ContentRange, HeaderNames.LastModified];
    private static readonly string[] s_forwardedResponseHeaders = [HeaderNames.AcceptRanges, HeaderNames.ETag];

    /// <summary>The dashboard's URL of a call's recording.</summary>
    public static string UrlOf(string callId, bool download = false) =>
        "recordings/" + Uri.EscapeDataString(callId) + (download ? "?download=1" : "");

    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(Route, [HttpMethods.Get, HttpMethods.Head],
            (HttpContext context, string callId, RecordingEndpoint endpoint) => endpoint.StreamAsync(context, callId)).ExcludeFromDescription();
        return endpoints;
    }

    public async Task StreamAsync(HttpContext context, string callId)
    {
        var ct = context.RequestAborted;
        var download = context.Request.Query.ContainsKey("download");
        var action = download ? "recording.download" : "recording.play";
        if (!CallIdShape().IsMatch(callId))
        {
            await WritePlainAsync(context, StatusCodes.Status404NotFound, "No such call.");
            return;
        }

        var check = await guard.EnsureAllowedAsync(DashboardPermission.PlayRecordings, action);
        if (!check.Allowed)
        {
            await AuditOnceAsync(check.User, callId, action, AuditOutcome.Refused(check.Refusal!));
            await WritePlainAsync(context, StatusCodes.Status403Forbidden, check.Refusal!.Message);
            return;
        }

        var http = clients.CreateClient(HttpClientName);
        HttpResponseMessage? upstream = null;
        try
        {
            var lookup = await urls.GetAsync(callId, refresh: false, ct);
            for (var attempt = 0; ; attempt++)
            {
                if (lookup.Error is { } error)
                {
                    await FailAsync(context, check.User, callId, action, error);
                    return;
                }

                if (lookup.Url is not { } url)
                {
                    await WritePlainAsync(context, StatusCodes.Status404NotFound, "This call has no recording.");
                    return;
                }

                upstream = await SendAsync(http, context.Request, url, ct);
                if (upstream.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized && attempt == 0)
                {
                    // Presigned URLs expire (15 minutes) or get revoked: ask OSVI for a fresh one, once.
                    LogUrlRefused(logger, callId, (int)upstream.StatusCode);
                    upstream.Dispose();
                    upstream = null;
                    urls.Invalidate(callId);
                    lookup = await urls.GetAsync(callId, refresh: true, ct);
                    continue;
                }

                break;
            }

            if (upstream.StatusCode == HttpStatusCode.NotFound)
            {
                await WritePlainAsync(context, StatusCodes.Status404NotFound, "This call has no recording.");
                return;
            }

            if (!upstream.IsSuccessStatusCode && upstream.StatusCode != HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                var status = (int)upstream.StatusCode;
                await FailAsync(context, check.User, callId, action, new OsviError(OsviErrorKind.ServerError, status,
                    $"The recording storage answered HTTP {status}.", []));
                return;
            }

            CopyResponseHeaders(context, upstream, callId, download);
            if (StartsAtTheBeginning(context.Request))
            {
                await AuditOnceAsync(check.User, callId, action, AuditOutcome.Succeeded());
            }

            if (HttpMethods.IsHead(context.Request.Method))
            {
                return;
            }

            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await using var body = await upstream.Content.ReadAsStreamAsync(ct);
            await CopyAsync(body, context.Response.Body, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The player moved on (a seek starts a new request) or the tab closed: nothing to report.
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException)
        {
            LogStreamFailed(logger, callId, exception.GetType().Name);
            if (!context.Response.HasStarted)
            {
                await FailAsync(context, check.User, callId, action,
                    new OsviError(OsviErrorKind.Unreachable, null, "The recording storage could not be reached.", []));
            }
            else
            {
                context.Abort();
            }
        }
        finally
        {
            upstream?.Dispose();
        }
    }

    // One pooled 64 KiB buffer per stream: each chunk is written (and flushed) as it arrives, so memory stays flat
    // however big the file, and a 100 MB recording takes ~1,600 socket writes rather than the ~25,000 of the response
    // pipe's 4 KiB segments (which cost a tenth of the throughput on a busy machine).
    private static async Task CopyAsync(Stream source, Stream destination, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, CopyBufferSize), ct)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequest incoming, Uri url, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethods.IsHead(incoming.Method) ? HttpMethod.Head : HttpMethod.Get, url);
        foreach (var name in s_forwardedRequestHeaders)
        {
            if (incoming.Headers.TryGetValue(name, out var values))
            {
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    private static void CopyResponseHeaders(HttpContext context, HttpResponseMessage upstream, string callId, bool download)
    {
        var response = context.Response;
        response.StatusCode = (int)upstream.StatusCode;
        foreach (var name in s_forwardedResponseHeaders)
        {
            if (upstream.Headers.TryGetValues(name, out var values))
            {
                response.Headers[name] = values.ToArray();
            }
        }

        foreach (var name in s_forwardedContentHeaders)
        {
            if (upstream.Content.Headers.TryGetValues(name, out var values))
            {
                response.Headers[name] = values.ToArray();
            }
        }

        response.ContentLength = upstream.Content.Headers.ContentLength;
        response.ContentType ??= "application/octet-stream";
        response.Headers.CacheControl = "private, no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        if (download)
        {
            var extension = response.ContentType.Contains("mp4", StringComparison.OrdinalIgnoreCase) ? "mp4"
                : response.ContentType.Contains("mpeg", StringComparison.OrdinalIgnoreCase) ? "mp3"
                : "wav";
            response.Headers.ContentDisposition = $"attachment; filename=\"call-{callId}.{extension}\"";
        }
    }

    // The first request of a play (or a download) reads from byte 0; seeks ask for later ranges and are not plays.
    private static bool StartsAtTheBeginning(HttpRequest request)
    {
        var range = request.Headers.Range.ToString();
        return string.IsNullOrEmpty(range) || range.Replace(" ", "", StringComparison.Ordinal).StartsWith("bytes=0-", StringComparison.OrdinalIgnoreCase);
    }

    private async Task FailAsync(HttpContext context, DashboardUser user, string callId, string action, OsviError error)
    {
        await AuditOnceAsync(user, callId, action, AuditOutcome.Failed(error), force: true);
        var status = error.Kind switch
        {
            OsviErrorKind.NotFound => StatusCodes.Status404NotFound,
            OsviErrorKind.RateLimited => StatusCodes.Status503ServiceUnavailable,
            OsviErrorKind.Unreachable => StatusCodes.Status504GatewayTimeout,
            _ => StatusCodes.Status502BadGateway,
        };
        await WritePlainAsync(context, status, FailurePrefix + error.Message);
    }

    private async Task AuditOnceAsync(DashboardUser user, string callId, string action, AuditOutcome outcome, bool force = false)
    {
        if (!force && !throttle.ShouldAudit(user.Name, callId, action + ":" + outcome.Result))
        {
            return;
        }

        var record = new AuditRecord { Category = AuditCategories.Recordings, Action = action, Target = callId, Source = "recording-endpoint" };
        try
        {
            await audit.WriteAsync(record, user, outcome, CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogAuditFailed(logger, exception, action, callId, user.Name);
        }
    }

    private static async Task WritePlainAsync(HttpContext context, int status, string message)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(message);
    }

    // OSVI call ids: UUIDs, or call_… ids (D4). Anything else is not a call and is not sent upstream.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex CallIdShape();

    [LoggerMessage(Level = LogLevel.Information, Message = "The recording storage refused the URL of call {CallId} (HTTP {Status}); asking OSVI for a fresh one")]
    private static partial void LogUrlRefused(ILogger logger, string callId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Streaming the recording of call {CallId} failed: {Failure}")]
    private static partial void LogStreamFailed(ILogger logger, string callId, string failure);

    [LoggerMessage(Level = LogLevel.Critical, Message = "AUDIT WRITE FAILED for {Action} of call {CallId} by {User}")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string action, string callId, string user);
}

/// <summary>Remembers which plays were audited, so a player's many range requests make one audit entry. Singleton.</summary>
internal sealed class RecordingAuditThrottle(TimeProvider time)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<(string User, string CallId, string Action), DateTimeOffset> _last = new();

    public bool ShouldAudit(string user, string callId, string action)
    {
        var now = time.GetUtcNow();
        var key = (user, callId, action);
        if (_last.TryGetValue(key, out var last) && now - last < RecordingEndpoint.AuditWindow)
        {
            return false;
        }

        if (_last.Count > MaxEntries)
        {
            foreach (var (stale, at) in _last)
            {
                if (now - at >= RecordingEndpoint.AuditWindow)
                {
                    _last.TryRemove(KeyValuePair.Create(stale, at));
                }
            }
        }

        _last[key] = now;
        return true;
    }
}
