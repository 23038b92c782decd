using System.Globalization;
using CsvHelper;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security;

namespace Osvi.Dashboard.Services.Admin;

/// <summary>Reading the whole audit log (administrators only; the DND area reads its own category through
/// <see cref="IAuditLog"/>). Exports are audited too.</summary>
public interface IAuditBrowser
{
    /// <summary>One page of entries matching <paramref name="query"/>, newest first.</summary>
    Task<ServiceResult<AuditPage>> QueryAsync(AuditQuery query, CancellationToken ct);

    /// <summary>Writes every entry matching <paramref name="query"/> as CSV to <paramref name="destination"/>, streamed
    /// (never held whole in memory); text that a spreadsheet would run as a formula is escaped. Returns the rows written.</summary>
    Task<ServiceResult<long>> ExportCsvAsync(AuditQuery query, Stream destination, CancellationToken ct);
}

internal sealed class AuditBrowser(IAuditLog audit, IPermissionGuard guard, IAuditedActions actions) : IAuditBrowser
{
    /// <summary>The CSV's columns, in order.</summary>
    public static readonly string[] Columns =
        ["id", "occurred_at_utc", "user", "user_id", "category", "action", "target", "agent_uuid", "phone", "source", "result", "status_code", "error_kind", "message", "parameters"];

    public async Task<ServiceResult<AuditPage>> QueryAsync(AuditQuery query, CancellationToken ct)
    {
        var check = await guard.EnsureAllowedAsync(DashboardPermission.ReadAuditLog, "audit.read");
        return check.Allowed ? ServiceResult<AuditPage>.Success(await audit.QueryAsync(query, ct)) : ServiceResult<AuditPage>.Refused(check.Refusal!);
    }

    public async Task<ServiceResult<long>> ExportCsvAsync(AuditQuery query, Stream destination, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var check = await guard.EnsureAllowedAsync(DashboardPermission.ReadAuditLog, "audit.export");
        if (!check.Allowed)
        {
            return ServiceResult<long>.Refused(check.Refusal!);
        }

        return await actions.RunAsync(DashboardPermission.ExportData,
            new AuditRecord { Category = AuditCategories.Audit, Action = "audit.export", Source = "audit-page", Parameters = Describe(query) },
            async token =>
            {
                await using var csv = CsvWriter.Create(destination, CsvWriterOptions.Default with { Injection = CsvInjection.Escape }, leaveOpen: true);
                foreach (var column in Columns)
                {
                    csv.WriteField(column);
                }

                await csv.EndRecordAsync(token);
                long rows = 0;
                await foreach (var entry in audit.StreamAsync(query, token))
                {
                    csv.WriteField(entry.Id.ToString(CultureInfo.InvariantCulture));
                    csv.WriteField(entry.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                    csv.WriteField(entry.UserName);
                    csv.WriteField(entry.UserId ?? "");
                    csv.WriteField(entry.Category);
                    csv.WriteField(entry.Action);
                    csv.WriteField(entry.Target ?? "");
                    csv.WriteField(entry.AgentUuid ?? "");
                    csv.WriteField(entry.Phone ?? "");
                    csv.WriteField(entry.Source ?? "");
                    csv.WriteField(entry.Result.ToString());
                    csv.WriteField(entry.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "");
                    csv.WriteField(entry.ErrorKind ?? "");
                    csv.WriteField(entry.Message ?? "");
                    csv.WriteField(entry.ParametersJson ?? "");
                    await csv.EndRecordAsync(token);
                    rows++;
                }

                await csv.FlushAsync(token);
                return ServiceResult<long>.Success(rows);
            },
            rows => $"{rows} rows exported.", ct);
    }

    private static Dictionary<string, object?> Describe(AuditQuery query) => new()
    {
        ["category"] = query.Category,
        ["action"] = query.Action,
        ["user"] = query.User,
        ["target"] = query.Target,
        ["phone"] = query.Phone,
        ["result"] = query.Result?.ToString(),
        ["from"] = query.From,
        ["to"] = query.To,
    };
}
