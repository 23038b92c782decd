using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Osvi.Dashboard.Data;
using Osvi.Dashboard.Security;

namespace Osvi.Dashboard.Audit;

/// <summary>A filter over the audit log. Every criterion is optional; text criteria match parts.</summary>
public sealed record AuditQuery
{
    /// <summary>Only this category (e.g. <see cref="AuditCategories.Dnd"/> for the DND view).</summary>
    public string? Category { get; init; }

    /// <summary>Only this action.</summary>
    public string? Action { get; init; }

    /// <summary>User name contains.</summary>
    public string? User { get; init; }

    /// <summary>Exactly this agent.</summary>
    public string? AgentUuid { get; init; }

    /// <summary>Phone number contains.</summary>
    public string? Phone { get; init; }

    /// <summary>Target contains (a call id, an account, a kiosk link…).</summary>
    public string? Target { get; init; }

    /// <summary>Only this outcome.</summary>
    public AuditResult? Result { get; init; }

    /// <summary>At or after.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Before.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Rows to skip (paging).</summary>
    public int Skip { get; init; }

    /// <summary>Rows to return (paging; at most 500).</summary>
    public int Take { get; init; } = 50;
}

/// <summary>One page of the audit log, newest first.</summary>
/// <param name="Items">The rows.</param>
/// <param name="TotalCount">Rows matching the filter across all pages.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int TotalCount);

/// <summary>The dashboard's audit log. Write through <see cref="IAuditedActions"/> where possible; write directly only
/// for what is not a single service call (e.g. a recording play streamed by an endpoint).</summary>
public interface IAuditLog
{
    /// <summary>Appends one entry (with the current time) and returns its id.</summary>
    Task<long> WriteAsync(AuditRecord record, DashboardUser user, AuditOutcome outcome, CancellationToken ct = default);

    /// <summary>One page of entries matching <paramref name="query"/>, newest first.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct);

    /// <summary>Every entry matching <paramref name="query"/>, newest first, streamed (for CSV export; paging ignored).</summary>
    IAsyncEnumerable<AuditEntry> StreamAsync(AuditQuery query, CancellationToken ct);
}

internal sealed class AuditLog(IDbContextFactory<DashboardDbContext> database, TimeProvider time, SecretRedactor redactor) : IAuditLog
{
    private const int MaxTake = 500;

    public async Task<long> WriteAsync(AuditRecord record, DashboardUser user, AuditOutcome outcome, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(outcome);
        var entry = new AuditEntry
        {
            OccurredAt = time.GetUtcNow(),
            UserName = user.Name,
            UserId = user.Id,
            Category = record.Category,
            Action = record.Action,
            Target = record.Target,
            AgentUuid = record.AgentUuid,
            Phone = record.Phone,
            ParametersJson = record.Parameters is { Count: > 0 } parameters ? redactor.Redact(JsonSerializer.Serialize(parameters)) : null,
            Source = record.Source,
            Result = outcome.Result,
            Message = outcome.Message is { } message ? Truncate(redactor.Redact(message), 1000) : null,
            StatusCode = outcome.StatusCode,
            ErrorKind = outcome.ErrorKind,
        };

        await using var db = await database.CreateDbContextAsync(ct);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry.Id;
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await database.CreateDbContextAsync(ct);
        var filtered = Filter(db.AuditEntries.AsNoTracking(), query);
        var total = await filtered.CountAsync(ct);
        var items = await filtered.OrderByDescending(entry => entry.Id)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, MaxTake)).ToListAsync(ct);
        return new AuditPage(items, total);
    }

    public async IAsyncEnumerable<AuditEntry> StreamAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await database.CreateDbContextAsync(ct);
        await foreach (var entry in Filter(db.AuditEntries.AsNoTracking(), query).OrderByDescending(entry => entry.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return entry;
        }
    }

    private static IQueryable<AuditEntry> Filter(IQueryable<AuditEntry> entries, AuditQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            entries = entries.Where(entry => entry.Category == query.Category);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(entry => entry.Action == query.Action);
        }

        if (!string.IsNullOrWhiteSpace(query.User))
        {
            entries = entries.Where(entry => entry.UserName.Contains(query.User));
        }

        if (!string.IsNullOrWhiteSpace(query.AgentUuid))
        {
            entries = entries.Where(entry => entry.AgentUuid == query.AgentUuid);
        }

        if (!string.IsNullOrWhiteSpace(query.Phone))
        {
            entries = entries.Where(entry => entry.Phone != null && entry.Phone.Contains(query.Phone));
        }

        if (!string.IsNullOrWhiteSpace(query.Target))
        {
            entries = entries.Where(entry => entry.Target != null && entry.Target.Contains(query.Target));
        }

        if (query.Result is { } result)
        {
            entries = entries.Where(entry => entry.Result == result);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(entry => entry.OccurredAt >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(entry => entry.OccurredAt < to);
        }

        return entries;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
