using Osvi.Dashboard.Services.Chat;

namespace Osvi.Dashboard.Testing.Fakes;

/// <summary>An in-memory <see cref="IChatHistory"/>: ids assigned in order, new entries announced to the session's
/// watchers (as from another browser), watchers counted (to check disposal).</summary>
public sealed class FakeChatHistory(TimeProvider? time = null) : IChatHistory
{
    private readonly Lock _gate = new();
    private readonly List<ChatEntry> _entries = [];
    private readonly List<(string SessionId, Func<ChatEntry, Task> OnEntry)> _watchers = [];
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Every entry so far.</summary>
    public IReadOnlyList<ChatEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Watchers of a session right now.</summary>
    public int WatcherCount(string sessionId)
    {
        lock (_gate)
        {
            return _watchers.Count(w => w.SessionId == sessionId);
        }
    }

    /// <summary>Adds entries without announcing them (what was recorded before the screen opened).</summary>
    public void Seed(params ChatEntry[] entries)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                _entries.Add(entry with { Id = _entries.Count + 1 });
            }
        }
    }

    public async Task<ChatEntry> RecordAsync(ChatEntry entry, CancellationToken ct = default)
    {
        List<Func<ChatEntry, Task>> watchers;
        lock (_gate)
        {
            entry = entry with { Id = _entries.Count + 1, At = entry.At == default ? _time.GetUtcNow() : entry.At, SentAt = entry.SentAt == default ? _time.GetUtcNow() : entry.SentAt };
            _entries.Add(entry);
            watchers = [.. _watchers.Where(w => w.SessionId == entry.SessionId).Select(w => w.OnEntry)];
        }

        foreach (var watcher in watchers)
        {
            await watcher(entry);
        }

        return entry;
    }

    public Task<ChatTranscript> GetSessionAsync(string sessionId, int take, CancellationToken ct)
    {
        lock (_gate)
        {
            var all = _entries.Where(e => e.SessionId == sessionId).ToList();
            return Task.FromResult(new ChatTranscript([.. all.TakeLast(take)], all.Count));
        }
    }

    public Task<IReadOnlyList<ChatConversationSummary>> GetRecentAsync(int take, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<ChatConversationSummary> recent = [.. _entries.Where(e => e.SessionId is not null)
                .GroupBy(e => e.SessionId!)
                .Select(g => new ChatConversationSummary(g.Key, g.Last().AgentUuid, g.Last().CustomerId, g.First().SentAt, g.Last().At, g.Count(), g.Last().Kind,
                    g.Any(e => e.Status == Osvi.Client.Contracts.ChatSessionStatus.Closed)))
                .OrderByDescending(s => s.LastAt)
                .Take(take)];
            return Task.FromResult(recent);
        }
    }

    public Task<IReadOnlyList<string>> GetSeenAgentsAsync(int take, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<string> agents = [.. _entries.Select(e => e.AgentUuid).Reverse().Distinct().Take(take)];
            return Task.FromResult(agents);
        }
    }

    public IDisposable Watch(string sessionId, Func<ChatEntry, Task> onEntry)
    {
        var watcher = (sessionId, onEntry);
        lock (_gate)
        {
            _watchers.Add(watcher);
        }

        return new Unwatch(() =>
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        });
    }

    private sealed class Unwatch(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
