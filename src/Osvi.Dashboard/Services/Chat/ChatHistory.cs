using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Data;
using Osvi.Dashboard.Security;

namespace Osvi.Dashboard.Services.Chat;

/// <summary>The chat history this dashboard has seen: every message and command it sent to OSVI, with OSVI's answer.
/// Messages sent through other channels (the customer's website, WhatsApp…) never pass through here and are not in it.
/// New entries are announced to watchers of their session, so every browser showing a conversation sees them at once
/// (in-process: no polling, no database reads).</summary>
public interface IChatHistory
{
    /// <summary>Stores an entry (its <see cref="ChatEntry.Id"/> is assigned) and announces it to the session's watchers.</summary>
    Task<ChatEntry> RecordAsync(ChatEntry entry, CancellationToken ct = default);

    /// <summary>The newest <paramref name="take"/> entries of a session, oldest first.</summary>
    Task<ChatTranscript> GetSessionAsync(string sessionId, int take, CancellationToken ct);

    /// <summary>The conversations with the most recent entries, newest first.</summary>
    Task<IReadOnlyList<ChatConversationSummary>> GetRecentAsync(int take, CancellationToken ct);

    /// <summary>Agents of recorded conversations, most recently used first.</summary>
    Task<IReadOnlyList<string>> GetSeenAgentsAsync(int take, CancellationToken ct);

    /// <summary>Calls <paramref name="onEntry"/> (on a background thread) for every new entry of a session until disposed.</summary>
    IDisposable Watch(string sessionId, Func<ChatEntry, Task> onEntry);
}

internal sealed partial class ChatHistoryStore(IDbContextFactory<DashboardDbContext> database, TimeProvider time, SecretRedactor redactor,
    ILogger<ChatHistoryStore> logger) : IChatHistory
{
    private const int MaxTake = 1000;
    private const int MaxErrorLength = 1000;
    private readonly ConcurrentDictionary<string, ImmutableList<Watcher>> _watchers = new(StringComparer.Ordinal);
    private long _unsavedId;

    public async Task<ChatEntry> RecordAsync(ChatEntry entry, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var now = time.GetUtcNow();
        entry = entry with
        {
            At = now,
            SentAt = entry.SentAt == default ? now : entry.SentAt,
            Error = entry.Error is { } error ? Truncate(redactor.Redact(error), MaxErrorLength) : null,
        };
        var row = ToRow(entry);
        try
        {
            await using var db = await database.CreateDbContextAsync(ct);
            db.ChatHistory.Add(row);
            await db.SaveChangesAsync(ct);
            entry = entry with { Id = row.Id };
        }
        catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            // What happened at OSVI has happened: screens still learn it, under an id no stored row can have.
            entry = entry with { Id = Interlocked.Decrement(ref _unsavedId) };
            LogRecordFailed(logger, exception, entry.Kind, entry.SessionId, entry.Actor, entry.Outcome);
        }

        Announce(entry);
        return entry;
    }

    public async Task<ChatTranscript> GetSessionAsync(string sessionId, int take, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        await using var db = await database.CreateDbContextAsync(ct);
        var rows = db.ChatHistory.AsNoTracking().Where(row => row.SessionId == sessionId);
        var total = await rows.CountAsync(ct);
        var newest = await rows.OrderByDescending(row => row.Id).Take(Math.Clamp(take, 1, MaxTake)).ToListAsync(ct);
        return new ChatTranscript([.. newest.OrderBy(row => row.Id).Select(ToEntry)], total);
    }

    public async Task<IReadOnlyList<ChatConversationSummary>> GetRecentAsync(int take, CancellationToken ct)
    {
        await using var db = await database.CreateDbContextAsync(ct);
        var groups = await db.ChatHistory.AsNoTracking()
            .Where(row => row.SessionId != null)
            .GroupBy(row => row.SessionId)
            .Select(group => new
            {
                SessionId = group.Key!,
                FirstId = group.Min(row => row.Id),
                LastId = group.Max(row => row.Id),
                Count = group.Count(),
                Closed = group.Max(row => row.Status == "closed" ? 1 : 0),
            })
            .OrderByDescending(group => group.LastId)
            .Take(Math.Clamp(take, 1, MaxTake))
            .ToListAsync(ct);
        var ids = groups.SelectMany(group => new[] { group.FirstId, group.LastId }).Distinct().ToList();
        var rows = await db.ChatHistory.AsNoTracking().Where(row => ids.Contains(row.Id)).ToDictionaryAsync(row => row.Id, ct);
        return [.. groups.Select(group => new ChatConversationSummary(group.SessionId, rows[group.LastId].AgentUuid, rows[group.LastId].CustomerId,
            rows[group.FirstId].SentAt, rows[group.LastId].At, group.Count, rows[group.LastId].Kind, group.Closed == 1))];
    }

    public async Task<IReadOnlyList<string>> GetSeenAgentsAsync(int take, CancellationToken ct)
    {
        await using var db = await database.CreateDbContextAsync(ct);
        return await db.ChatHistory.AsNoTracking()
            .GroupBy(row => row.AgentUuid)
            .Select(group => new { AgentUuid = group.Key, LastId = group.Max(row => row.Id) })
            .OrderByDescending(group => group.LastId)
            .Take(Math.Clamp(take, 1, MaxTake))
            .Select(group => group.AgentUuid)
            .ToListAsync(ct);
    }

    public IDisposable Watch(string sessionId, Func<ChatEntry, Task> onEntry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        ArgumentNullException.ThrowIfNull(onEntry);
        var watcher = new Watcher(this, sessionId, onEntry);
        _watchers.AddOrUpdate(sessionId, static (_, w) => [w], static (_, list, w) => list.Add(w), watcher);
        return watcher;
    }

    private void Unwatch(Watcher watcher)
    {
        while (_watchers.TryGetValue(watcher.SessionId, out var list))
        {
            var remaining = list.Remove(watcher);
            var replaced = remaining.IsEmpty
                ? _watchers.TryRemove(new KeyValuePair<string, ImmutableList<Watcher>>(watcher.SessionId, list))
                : _watchers.TryUpdate(watcher.SessionId, remaining, list);
            if (replaced)
            {
                return;
            }
        }
    }

    // Each watcher is a circuit: one slow or failing screen must not hold up the sender or the other screens.
    private void Announce(ChatEntry entry)
    {
        if (entry.SessionId is null || !_watchers.TryGetValue(entry.SessionId, out var watchers))
        {
            return;
        }

        foreach (var watcher in watchers)
        {
            _ = NotifyAsync(watcher, entry);
        }
    }

    private async Task NotifyAsync(Watcher watcher, ChatEntry entry)
    {
        try
        {
            await watcher.OnEntry(entry);
        }
        catch (Exception exception)
        {
            LogNotifyFailed(logger, exception, entry.SessionId);
        }
    }

    private static ChatHistoryEntry ToRow(ChatEntry entry) => new()
    {
        SessionId = entry.SessionId,
        AgentUuid = entry.AgentUuid,
        CustomerId = entry.CustomerId,
        Kind = entry.Kind,
        Actor = entry.Actor,
        SentAt = entry.SentAt,
        At = entry.At,
        Text = entry.Text,
        Outcome = entry.Outcome,
        Reply = entry.Reply,
        Error = entry.Error,
        StatusCode = entry.StatusCode,
        Mode = entry.Mode?.Value,
        Status = entry.Status?.Value,
        HelpRequested = entry.HelpRequested,
        ActiveHuman = entry.ActiveHuman,
        ContextJson = entry.Context is null ? null : JsonSerializer.Serialize(entry.Context),
        InputFieldsJson = entry.InputFields is null ? null : JsonSerializer.Serialize(entry.InputFields),
    };

    private static ChatEntry ToEntry(ChatHistoryEntry row) => new()
    {
        Id = row.Id,
        SessionId = row.SessionId,
        AgentUuid = row.AgentUuid,
        CustomerId = row.CustomerId,
        Kind = row.Kind,
        Actor = row.Actor,
        SentAt = row.SentAt,
        At = row.At,
        Text = row.Text,
        Outcome = row.Outcome,
        Reply = row.Reply,
        Error = row.Error,
        StatusCode = row.StatusCode,
        Mode = row.Mode is null ? null : ChatMode.From(row.Mode),
        Status = row.Status is null ? null : ChatSessionStatus.From(row.Status),
        HelpRequested = row.HelpRequested,
        ActiveHuman = row.ActiveHuman,
        Context = row.ContextJson is null ? null : JsonSerializer.Deserialize<List<string>>(row.ContextJson),
        InputFields = row.InputFieldsJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(row.InputFieldsJson),
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record chat {Kind} in session {SessionId} by {Actor} ({Outcome}) in the dashboard database")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, ChatEntryKind kind, string? sessionId, string actor, ChatEntryOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A screen watching chat session {SessionId} failed to take a new entry")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string? sessionId);

    private sealed class Watcher(ChatHistoryStore owner, string sessionId, Func<ChatEntry, Task> onEntry) : IDisposable
    {
        private int _disposed;

        public string SessionId { get; } = sessionId;

        public Func<ChatEntry, Task> OnEntry { get; } = onEntry;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unwatch(this);
            }
        }
    }
}
