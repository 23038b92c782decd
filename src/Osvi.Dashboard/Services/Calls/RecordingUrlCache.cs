using System.Collections.Concurrent;
using System.Net;
using Osvi.Client;

namespace Osvi.Dashboard.Services.Calls;

/// <summary>What OSVI said about a call's recording. <see cref="Url"/> is a secret for its lifetime: server-side only.</summary>
/// <param name="Url">The presigned URL when there is a recording.</param>
/// <param name="Error">OSVI's failure (not "no recording", which is a null <see cref="Url"/> and no error).</param>
internal sealed record RecordingLookup(Uri? Url, OsviError? Error)
{
    public static RecordingLookup None { get; } = new(null, null);
}

/// <summary>Presigned recording URLs by call, kept until shortly before they expire so a player's many range requests
/// cost one <c>GET /v1/call/{id}/recording</c>. Concurrent lookups of one call share one request. Singleton.</summary>
internal sealed class RecordingUrlCache(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>A URL is not used in its last minute, so a long response never starts on a URL about to expire.</summary>
    internal static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(60);

    /// <summary>"No recording" is remembered briefly (a call that just ended may get one soon).</summary>
    internal static readonly TimeSpan NoRecordingLifetime = TimeSpan.FromSeconds(30);

    private const int MaxEntries = 1_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The call's recording URL (cached unless <paramref name="refresh"/>), or why there is none.</summary>
    public async Task<RecordingLookup> GetAsync(string callId, bool refresh, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var fresh = new Entry(time);
        // A lookup still in flight is joined, even for a refresh: it is as fresh as a new one would be.
        var entry = _entries.AddOrUpdate(callId, fresh,
            (_, existing) => existing.Lookup.IsCompleted && (refresh || existing.IsExpired(now)) ? fresh : existing);
        if (ReferenceEquals(entry, fresh))
        {
            Trim(now);
            // Not tied to one caller's token: others may be waiting for the same answer. The client's own timeouts bound it.
            fresh.Start(FetchAsync(callId, fresh));
        }

        var lookup = await entry.Lookup.WaitAsync(ct);
        if (lookup.Error is not null)
        {
            // A failure is never cached: the next viewer asks again.
            _entries.TryRemove(KeyValuePair.Create(callId, entry));
        }

        return lookup;
    }

    /// <summary>Forgets a call's URL (e.g. the storage answered 403: expired or revoked).</summary>
    public void Invalidate(string callId) => _entries.TryRemove(callId, out _);

    private async Task<RecordingLookup> FetchAsync(string callId, Entry entry)
    {
        await using var scope = scopes.CreateAsyncScope();
        var osvi = scope.ServiceProvider.GetRequiredService<OsviGateway>();
        var sent = time.GetUtcNow();
        var result = await osvi.SendAsync("get recording URL", (api, token) => api.GetRecordingAsync(callId, token), CancellationToken.None);
        if (!result.Succeeded)
        {
            entry.ExpiresAt = sent;
            return new RecordingLookup(null, result.Error);
        }

        using var response = result.Value;
        // 404 is "Recording not available" (D8); an unknown call is a 404 too, and has no recording either.
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            entry.ExpiresAt = sent + NoRecordingLifetime;
            return RecordingLookup.None;
        }

        if (!response.IsSuccessStatusCode || response.Content?.Data.RecordingUrl is not { } url)
        {
            var error = osvi.Translate("get recording URL", response);
            entry.ExpiresAt = error is null ? sent + NoRecordingLifetime : sent;
            return error is null ? RecordingLookup.None : new RecordingLookup(null, error);
        }

        var lifetime = TimeSpan.FromSeconds(response.Content.Data.ExpiresInSeconds is > 0 and var seconds ? seconds : 900);
        entry.ExpiresAt = sent + lifetime - ExpiryMargin;
        return new RecordingLookup(url, null);
    }

    private void Trim(DateTimeOffset now)
    {
        if (_entries.Count <= MaxEntries)
        {
            return;
        }

        foreach (var (key, value) in _entries)
        {
            if (value.IsExpired(now))
            {
                _entries.TryRemove(KeyValuePair.Create(key, value));
            }
        }

        // Still full of live entries: drop the oldest ones.
        foreach (var (key, value) in _entries.OrderBy(pair => pair.Value.CreatedAt).Take(_entries.Count - MaxEntries))
        {
            _entries.TryRemove(KeyValuePair.Create(key, value));
        }
    }

    private sealed class Entry(TimeProvider time)
    {
        private readonly TaskCompletionSource<RecordingLookup> _lookup = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DateTimeOffset CreatedAt { get; } = time.GetUtcNow();

        public DateTimeOffset ExpiresAt { get; set; } = DateTimeOffset.MaxValue;

        public Task<RecordingLookup> Lookup => _lookup.Task;

        public bool IsExpired(DateTimeOffset now) => Lookup.IsCompleted && now >= ExpiresAt;

        public void Start(Task<RecordingLookup> fetch) => _ = fetch.ContinueWith(task =>
        {
            if (task.IsCompletedSuccessfully)
            {
                _lookup.TrySetResult(task.Result);
            }
            else
            {
                ExpiresAt = DateTimeOffset.MinValue;
                _lookup.TrySetException(task.Exception?.InnerExceptions ?? [new InvalidOperationException("The recording lookup was cancelled.")]);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
