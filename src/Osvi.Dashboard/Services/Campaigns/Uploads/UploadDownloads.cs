using System.Collections.Concurrent;
using CsvHelper;
using Osvi.Dashboard.Security;

namespace Osvi.Dashboard.Services.Campaigns.Uploads;

/// <summary>Finished upload reports kept for a while so their CSV files can be downloaded with a plain link (no
/// script, works in any browser). Each report is readable only by the user who sent it; the store is bounded.</summary>
public sealed class UploadReportStore(TimeProvider time)
{
    /// <summary>How long a report stays downloadable.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    /// <summary>Reports kept at most (the oldest go first).</summary>
    public const int Capacity = 50;

    private readonly ConcurrentDictionary<Guid, Entry> _reports = new();

    /// <summary>Keeps a report for <paramref name="userName"/>.</summary>
    public void Save(UploadReport report, string userName)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = time.GetUtcNow();
        _reports[report.Id] = new Entry(report, userName, now + Lifetime);
        foreach (var (id, entry) in _reports)
        {
            if (entry.Expires <= now)
            {
                _reports.TryRemove(id, out _);
            }
        }

        foreach (var (id, _) in _reports.OrderBy(pair => pair.Value.Expires).Take(Math.Max(0, _reports.Count - Capacity)))
        {
            _reports.TryRemove(id, out _);
        }
    }

    /// <summary>The report, if it is still kept and belongs to <paramref name="userName"/>.</summary>
    public UploadReport? Find(Guid id, string userName) =>
        _reports.TryGetValue(id, out var entry) && entry.Expires > time.GetUtcNow() && string.Equals(entry.UserName, userName, StringComparison.Ordinal)
            ? entry.Report
            : null;

    private sealed record Entry(UploadReport Report, string UserName, DateTimeOffset Expires);
}

/// <summary>The CSV files of an upload report.</summary>
public static class UploadCsv
{
    /// <summary>The URL of the DND-skipped contacts of a report (all batches, or one).</summary>
    public static string DndSkippedUrl(Guid reportId, int? batch = null) =>
        $"campaigns/uploads/{reportId:N}/dnd-skipped.csv" + (batch is { } number ? $"?batch={number}" : "");

    /// <summary>The URL of the contacts a report did not get into OSVI.</summary>
    public static string NotSentUrl(Guid reportId) => $"campaigns/uploads/{reportId:N}/not-sent.csv";

    /// <summary>Writes <c>phone,person_name,batch,upload_id</c> for every contact OSVI skipped for DND.</summary>
    public static void WriteDndSkipped(Stream output, UploadReport report, int? batch)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var writer = CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
        writer.WriteRecord(["phone", "person_name", "batch", "campaign_upload_id"]);
        foreach (var result in report.Batches.Where(result => batch is null || result.Number == batch))
        {
            foreach (var skipped in result.DndSkipped)
            {
                writer.WriteRecord([SpreadsheetCells.TextOrNumber(skipped.Phone), SpreadsheetCells.Text(skipped.PersonName), result.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    result.UploadId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""]);
            }
        }
    }

    /// <summary>Writes the contacts of every batch OSVI did not store (or may not have): <c>phone,person_name,</c> the
    /// variables, then <c>line,batch,state</c>; the first columns can be uploaded again as they are.</summary>
    public static void WriteNotSent(Stream output, UploadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var writer = CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
        writer.WriteRecord(["phone", "person_name", .. report.VariableKeys, "line", "batch", "state"]);
        foreach (var result in report.Batches.Where(result => result.State != BatchState.Sent))
        {
            var state = result.State == BatchState.OutcomeUnknown ? "outcome unknown: check the campaign's uploads first" : "not stored";
            foreach (var row in result.Batch.Rows)
            {
                writer.WriteRecord([SpreadsheetCells.TextOrNumber(row.Phone ?? row.PhoneInput), SpreadsheetCells.Text(row.Name), .. row.Variables.Select(SpreadsheetCells.Text),
                    row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), state]);
            }
        }
    }
}

/// <summary>The download endpoints of upload reports.</summary>
internal static class UploadDownloadEndpoints
{
    public static IEndpointRouteBuilder MapUploadDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/campaigns/uploads/{reportId:guid}/dnd-skipped.csv", (Guid reportId, int? batch, HttpContext context) =>
            DownloadAsync(context, reportId, $"dnd-skipped-{reportId:N}.csv", (stream, report) => UploadCsv.WriteDndSkipped(stream, report, batch)));
        endpoints.MapGet("/campaigns/uploads/{reportId:guid}/not-sent.csv", (Guid reportId, HttpContext context) =>
            DownloadAsync(context, reportId, $"not-sent-{reportId:N}.csv", UploadCsv.WriteNotSent));
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, Guid reportId, string fileName, Action<Stream, UploadReport> write)
    {
        var services = context.RequestServices;
        var check = await services.GetRequiredService<IPermissionGuard>().EnsureAllowedAsync(DashboardPermission.UploadContacts, "campaign.contacts.download");
        if (!check.Allowed)
        {
            return Results.Text(check.Refusal!.Message, statusCode: StatusCodes.Status403Forbidden);
        }

        if (services.GetRequiredService<UploadReportStore>().Find(reportId, check.User.Name) is not { } report)
        {
            return Results.Text("This upload report is no longer kept (reports are kept for two hours, for the user who sent them).", statusCode: StatusCodes.Status404NotFound);
        }

        using var buffer = new MemoryStream();
        write(buffer, report);
        return Results.File(buffer.ToArray(), "text/csv; charset=utf-8", fileName);
    }
}
