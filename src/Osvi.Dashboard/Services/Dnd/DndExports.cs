using System.Globalization;
using CsvHelper;
using Osvi.Client;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Services.Dnd;

/// <summary>The DND area's downloads: an agent's whole list and the DND audit trail as CSV, streamed (a page of OSVI or
/// a batch of rows at a time, never the whole file in memory), safe to open in a spreadsheet, with phone numbers masked
/// for users who may not see them in full. A failure after the first bytes aborts the download, so a broken export
/// never looks complete.</summary>
internal static partial class DndExports
{
    /// <summary>The list export: <c>/dnd/export.csv?agent_uuid=…&amp;search=…</c>.</summary>
    public const string ListPath = "/dnd/export.csv";

    /// <summary>The audit export: <c>/dnd/audit.csv?agent_uuid=…&amp;phone=…&amp;user=…&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>.</summary>
    public const string AuditPath = "/dnd/audit.csv";

    public static IEndpointRouteBuilder MapDndExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ListPath, ExportListAsync).ExcludeFromDescription();
        endpoints.MapGet(AuditPath, ExportAuditAsync).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>A link to the list export.</summary>
    public static string ListUrl(string agentUuid, string? search) =>
        $"{ListPath.TrimStart('/')}?agent_uuid={Uri.EscapeDataString(agentUuid)}" + (string.IsNullOrWhiteSpace(search) ? "" : $"&search={Uri.EscapeDataString(search.Trim())}");

    /// <summary>A link to the audit export.</summary>
    public static string AuditUrl(DndAuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new List<string>();
        Add("agent_uuid", filter.AgentUuid);
        Add("phone", filter.Phone);
        Add("user", filter.User);
        Add("from", filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return AuditPath.TrimStart('/') + (query.Count == 0 ? "" : "?" + string.Join("&", query));

        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
        }
    }

    private static async Task<IResult> ExportListAsync(HttpContext context, IDndService dnd, IPermissionGuard guard, IPhoneNumberDisplay display,
        DashboardClock clock, ILoggerFactory loggers)
    {
        var ct = context.RequestAborted;
        var agentUuid = context.Request.Query["agent_uuid"].ToString().Trim();
        if (agentUuid.Length == 0)
        {
            return Results.Text("agent_uuid is required.", statusCode: StatusCodes.Status400BadRequest);
        }

        var check = await guard.EnsureAllowedAsync(DashboardPermission.ExportData, "dnd.export");
        if (!check.Allowed)
        {
            return Results.Text(check.Refusal!.Message, statusCode: StatusCodes.Status403Forbidden);
        }

        var masked = await display.IsMaskedAsync();
        await using var pages = dnd.ReadAllAsync(agentUuid, context.Request.Query["search"].ToString(), ct).GetAsyncEnumerator(ct);
        if (!await pages.MoveNextAsync())
        {
            return Results.Text("Nothing to export.", statusCode: StatusCodes.Status502BadGateway);
        }

        if (!pages.Current.Succeeded)
        {
            return Failure(pages.Current.Error, pages.Current.Refusal);
        }

        Start(context, $"dnd-{FileNamePart(agentUuid)}-{clock.Now:yyyyMMdd-HHmm}.csv");
        await using var csv = CsvWriter.Create(context.Response.Body, WriterOptions(), leaveOpen: true);
        await csv.WriteRecordAsync(["phone", "reason", "added_at", "entry_id", "agent_uuid"], ct);
        do
        {
            var page = pages.Current;
            if (!page.Succeeded)
            {
                LogExportBroken(loggers.CreateLogger(typeof(DndExports).FullName!), "list", agentUuid, page.Error?.Message ?? page.Refusal?.Message);
                await csv.FlushAsync(ct);
                context.Abort();
                return Results.Empty;
            }

            foreach (var entry in page.Value.Items)
            {
                await csv.WriteRecordAsync(
                [
                    Phone(entry.Phone, masked),
                    SpreadsheetCells.TextOrNumber(entry.Reason),
                    clock.ToLocal(entry.CreatedAt).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                    entry.Id.ToString(CultureInfo.InvariantCulture),
                    SpreadsheetCells.TextOrNumber(entry.AgentUuid),
                ], ct);
            }

            await csv.FlushAsync(ct);
        }
        while (await pages.MoveNextAsync());

        return Results.Empty;
    }

    private static async Task<IResult> ExportAuditAsync(HttpContext context, IDndService dnd, IPermissionGuard guard, IPhoneNumberDisplay display, DashboardClock clock)
    {
        var ct = context.RequestAborted;
        var check = await guard.EnsureAllowedAsync(DashboardPermission.ExportData, "dnd.audit.export");
        if (!check.Allowed)
        {
            return Results.Text(check.Refusal!.Message, statusCode: StatusCodes.Status403Forbidden);
        }

        var query = context.Request.Query;
        if (!TryDay(query["from"], out var from) || !TryDay(query["to"], out var to))
        {
            return Results.Text("from and to are dates: yyyy-MM-dd.", statusCode: StatusCodes.Status400BadRequest);
        }

        var filter = new DndAuditFilter { AgentUuid = query["agent_uuid"], Phone = query["phone"], User = query["user"], From = from, To = to };
        var rows = await dnd.StreamAuditAsync(filter, ct);
        if (!rows.Succeeded)
        {
            return Failure(rows.Error, rows.Refusal);
        }

        var masked = await display.IsMaskedAsync();
        Start(context, $"dnd-audit-{clock.Now:yyyyMMdd-HHmm}.csv");
        await using var csv = CsvWriter.Create(context.Response.Body, WriterOptions(), leaveOpen: true);
        await csv.WriteRecordAsync(["occurred_at", "user", "action", "agent_uuid", "phone", "reason", "source", "call_id", "bulk_run", "bulk_line", "result", "status_code", "error_kind", "message"], ct);
        var written = 0;
        await foreach (var row in rows.Value.WithCancellation(ct))
        {
            await csv.WriteRecordAsync(
            [
                clock.ToLocal(row.OccurredAt).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                SpreadsheetCells.TextOrNumber(row.User),
                SpreadsheetCells.TextOrNumber(row.Action),
                SpreadsheetCells.TextOrNumber(row.AgentUuid),
                Phone(row.Phone, masked),
                SpreadsheetCells.TextOrNumber(row.Reason),
                SpreadsheetCells.TextOrNumber(row.Source),
                SpreadsheetCells.TextOrNumber(row.CallId),
                SpreadsheetCells.TextOrNumber(row.Bulk?.RunId),
                row.Bulk?.Line.ToString(CultureInfo.InvariantCulture) ?? "",
                row.Result.ToString(),
                row.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "",
                SpreadsheetCells.TextOrNumber(row.ErrorKind),
                SpreadsheetCells.TextOrNumber(row.Message),
            ], ct);
            if (++written % 500 == 0)
            {
                await csv.FlushAsync(ct);
            }
        }

        await csv.FlushAsync(ct);
        return Results.Empty;
    }

    private static string Phone(string? phone, bool masked) => SpreadsheetCells.TextOrNumber(masked ? PhoneNumberRules.Mask(PhoneNumberRules.ForReading(phone)) : phone);

    private static CsvWriterOptions WriterOptions() => new() { Injection = CsvInjection.None, WriteByteOrderMark = true, NewLine = "\r\n" };

    private static void Start(HttpContext context, string fileName)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
    }

    private static IResult Failure(OsviError? error, ServiceRefusal? refusal) => refusal is not null
        ? Results.Text(refusal.Message, statusCode: StatusCodes.Status403Forbidden)
        : Results.Text($"OSVI: {error?.Message}", statusCode: error?.Kind == OsviErrorKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status502BadGateway);

    private static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }

        return false;
    }

    private static string FileNamePart(string text) => new([.. text.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(40)]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DND {Export} export for {AgentUuid} broke off and was aborted: {Message}")]
    private static partial void LogExportBroken(ILogger logger, string export, string agentUuid, string? message);
}
