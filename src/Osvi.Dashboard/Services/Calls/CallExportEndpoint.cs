using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.Features;
using Osvi.Client;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Components.Controls;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Phones;
using Osvi.Dashboard.Theme;

namespace Osvi.Dashboard.Services.Calls;

/// <summary><c>GET /exports/calls.csv?&lt;call log filter&gt;[&amp;export_id=…]</c>: every call matching the filter as CSV,
/// streamed while OSVI's pages arrive (100 calls a page, the next two pages fetched while the current one is written), never
/// built whole in memory. Needs <see cref="DashboardPermission.ExportData"/>; audited; phone numbers masked for users
/// who may not see them; cells that a spreadsheet would run as a formula are neutralised. A failure or a cancel after
/// the first byte breaks the download off, so a partial file never looks complete.</summary>
internal sealed partial class CallExportEndpoint(
    ICallsService calls,
    IPermissionGuard guard,
    IAuditLog audit,
    IPhoneNumberDisplay phones,
    CallExportTracker tracker,
    DashboardClock clock,
    ILogger<CallExportEndpoint> logger)
{
    public const string Path = "/exports/calls.csv";
    public const string ExportIdKey = "export_id";
    private const string Action = "calls.export";
    private const int PagesAhead = 2;

    internal static readonly string[] Columns =
    [
        "call_id", "created_at", "call_picked_at", "status", "status_label", "call_type", "agent_name", "agent_uuid",
        "phone_number", "from_number", "duration_seconds", "duration", "call_ended_by", "call_ended_reason",
        "campaign_id", "campaign_upload_id", "tag", "tag_color",
    ];

    internal static readonly CsvWriterOptions Csv = new()
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext context, CallExportEndpoint endpoint) => endpoint.RunAsync(context)).ExcludeFromDescription();
        return endpoints;
    }

    public async Task RunAsync(HttpContext context)
    {
        var query = context.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        var filter = CallFilter.FromQuery(query);
        var exportId = query.TryGetValue(ExportIdKey, out var id) && id.LastOrDefault() is { Length: > 0 and <= 64 } given ? given : null;
        var record = new AuditRecord
        {
            Category = AuditCategories.Calls,
            Action = Action,
            Source = "export",
            Parameters = filter.ToQueryParameters().ToDictionary(p => p.Key, p => (object?)p.Value),
        };

        var check = await guard.EnsureAllowedAsync(DashboardPermission.ExportData, Action);
        if (!check.Allowed)
        {
            await audit.WriteAsync(record, check.User, AuditOutcome.Refused(check.Refusal!), CancellationToken.None);
            Report(exportId, new CallExportProgress(CallExportState.Failed, 0, null, Message: check.Refusal!.Message));
            await WritePlainAsync(context, StatusCodes.Status403Forbidden, check.Refusal.Message);
            return;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted,
            exportId is null ? CancellationToken.None : tracker.Begin(exportId));
        var ct = cancel.Token;
        var rows = 0;
        int? total = null;
        try
        {
            var masked = await phones.IsMaskedAsync();
            var pending = calls.ListCallsAsync(filter, 1, CallsService.MaxPerPage, ct);
            var first = await pending;
            if (!first.Succeeded)
            {
                await FailBeforeStartAsync(context, record, check.User, exportId, first.Error!);
                return;
            }

            total = first.Value.TotalCount;
            StartResponse(context, total.Value);
            await using var csv = CsvWriter.Create(context.Response.Body, Csv, leaveOpen: true);
            csv.WriteHeader(Columns);
            var page = first.Value;
            HashSet<string> previous = [];
            // Up to PagesAhead requests in flight while a page is written: the wait for OSVI's answers overlaps the work
            // instead of adding to it, and memory stays at a few pages however long the list.
            Queue<Task<ServiceResult<CallPage>>> ahead = [];
            var requested = page.Page;
            while (true)
            {
                while (ahead.Count < PagesAhead && requested < page.TotalPages)
                {
                    requested++;
                    ahead.Enqueue(calls.ListCallsAsync(filter, requested, CallsService.MaxPerPage, ct));
                }

                // OSVI lists newest first: calls that arrive while we read push older ones a page further, so a row of
                // the previous page can show up again at the top of this one.
                HashSet<string> current = [];
                foreach (var call in page.Items)
                {
                    current.Add(call.CallId);
                    if (!previous.Contains(call.CallId))
                    {
                        WriteRow(csv, call, masked);
                        rows++;
                    }
                }

                await csv.FlushAsync(ct);
                await context.Response.Body.FlushAsync(ct);
                Report(exportId, new CallExportProgress(CallExportState.Running, rows, total));
                if (!ahead.TryDequeue(out var next))
                {
                    break;
                }

                var result = await next;
                if (!result.Succeeded)
                {
                    await FailMidStreamAsync(context, record, check.User, exportId, result.Error!, rows, total);
                    return;
                }

                previous = current;
                page = result.Value;
                if (page.Items.Count == 0)
                {
                    break;
                }
            }

            await audit.WriteAsync(record, check.User, AuditOutcome.Succeeded($"{rows.ToString("N0", CultureInfo.InvariantCulture)} rows"), CancellationToken.None);
            Report(exportId, new CallExportProgress(CallExportState.Completed, rows, total));
            LogExported(logger, check.User.Name, rows);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            var byUser = !context.RequestAborted.IsCancellationRequested;
            var message = byUser ? $"Cancelled by the user after {rows.ToString("N0", CultureInfo.InvariantCulture)} rows."
                : $"The browser stopped the download after {rows.ToString("N0", CultureInfo.InvariantCulture)} rows.";
            await audit.WriteAsync(record, check.User, new AuditOutcome(AuditResult.Failed, message, ErrorKind: "Cancelled"), CancellationToken.None);
            Report(exportId, new CallExportProgress(CallExportState.Cancelled, rows, total, Message: message));
            context.Abort();
        }
    }

    internal static void WriteRow(CsvWriter csv, CallListItem call, bool masked)
    {
        csv.WriteField(call.CallId);
        csv.WriteField(Timestamp(call.CreatedAt));
        csv.WriteField(call.PickedAt is { } picked ? Timestamp(picked) : "");
        csv.WriteField(call.Status.Value ?? "");
        csv.WriteField(CallStatusStyle.Of(call.Status).Label);
        csv.WriteField(call.CallType.Value ?? "");
        csv.WriteField(call.AgentName);
        csv.WriteField(call.AgentUuid);
        csv.WriteField(Phone(call.PhoneNumber, masked));
        csv.WriteField(Phone(call.FromNumber, masked));
        csv.WriteField(call.DurationSeconds.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(call.DurationSeconds > 0 ? CallFormat.Duration(call.DurationSeconds) : "");
        csv.WriteField(call.EndedBy ?? "");
        csv.WriteField(call.EndedReason ?? "");
        csv.WriteField(call.CampaignId?.ToString(CultureInfo.InvariantCulture) ?? "");
        csv.WriteField(call.CampaignUploadId?.ToString(CultureInfo.InvariantCulture) ?? "");
        csv.WriteField(call.Tag?.Name ?? "");
        csv.WriteField(call.Tag?.Color ?? "");
        csv.EndRecord();
    }

    // OSVI's own instants with their offset (IST): unambiguous in any spreadsheet and any zone.
    private static string Timestamp(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Phone(string? phone, bool masked) => string.IsNullOrEmpty(phone) ? "" : masked ? PhoneNumberRules.Mask(phone) : phone;

    private void StartResponse(HttpContext context, int total)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"calls-{clock.Now.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv\"";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    private async Task FailBeforeStartAsync(HttpContext context, AuditRecord record, DashboardUser user, string? exportId, OsviError error)
    {
        await audit.WriteAsync(record, user, AuditOutcome.Failed(error), CancellationToken.None);
        Report(exportId, new CallExportProgress(CallExportState.Failed, 0, null, error));
        var status = error.Kind switch
        {
            OsviErrorKind.Validation => StatusCodes.Status400BadRequest,
            OsviErrorKind.NotFound => StatusCodes.Status404NotFound,
            OsviErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status502BadGateway,
        };
        var text = OsviErrorText.Describe(error);
        await WritePlainAsync(context, status, $"{text.Title}: {error.Message}. {text.Advice}");
    }

    private async Task FailMidStreamAsync(HttpContext context, AuditRecord record, DashboardUser user, string? exportId, OsviError error, int rows, int? total)
    {
        var partial = error with { Message = $"{error.Message} (after {rows.ToString("N0", CultureInfo.InvariantCulture)} rows; the download was broken off)" };
        await audit.WriteAsync(record, user, AuditOutcome.Failed(partial), CancellationToken.None);
        Report(exportId, new CallExportProgress(CallExportState.Failed, rows, total, error));
        LogBrokenOff(logger, rows, error.Kind, error.Message);
        context.Abort();
    }

    private void Report(string? exportId, CallExportProgress progress)
    {
        if (exportId is not null)
        {
            tracker.Report(exportId, progress);
        }
    }

    private static async Task WritePlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} exported {Rows} calls as CSV")]
    private static partial void LogExported(ILogger logger, string user, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A call export was broken off after {Rows} rows: {Kind}: {Message}")]
    private static partial void LogBrokenOff(ILogger logger, int rows, OsviErrorKind kind, string message);
}
