using System.Collections.Concurrent;
using Osvi.Client;

namespace Osvi.Dashboard.Services.Calls;

/// <summary>Where a CSV export stands.</summary>
public enum CallExportState
{
    /// <summary>The page asked for it; the browser's download request has not arrived yet.</summary>
    Waiting,

    /// <summary>Rows are being written.</summary>
    Running,

    /// <summary>Every row was written.</summary>
    Completed,

    /// <summary>OSVI failed (or refused); the download was broken off so a partial file never looks complete.</summary>
    Failed,

    /// <summary>Cancelled by the user; the download was broken off.</summary>
    Cancelled,
}

/// <summary>A snapshot of one export's progress.</summary>
/// <param name="State">Where it stands.</param>
/// <param name="Rows">Rows written so far.</param>
/// <param name="Total">Rows OSVI reported for the filter, once known.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Message">A refusal or other note for the user.</param>
public sealed record CallExportProgress(CallExportState State, int Rows, int? Total, OsviError? Error = null, string? Message = null)
{
    /// <summary>True once it has ended, one way or another.</summary>
    public bool IsFinished => State is CallExportState.Completed or CallExportState.Failed or CallExportState.Cancelled;
}

/// <summary>Progress of running CSV exports, so the page that started a download can show it and cancel it while the
/// browser receives the file from <c>/exports/calls.csv</c>. Keyed by an unguessable id the page makes. Singleton.</summary>
public sealed class CallExportTracker(TimeProvider time)
{
    private static readonly TimeSpan s_retention = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);

    /// <summary>A new export id.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Follows an export (before or after its download started); <paramref name="onProgress"/> runs on a
    /// background thread for every change. Dispose to stop following.</summary>
    public IDisposable Watch(string exportId, Func<CallExportProgress, Task> onProgress)
    {
        ArgumentNullException.ThrowIfNull(onProgress);
        Sweep();
        return GetOrAdd(exportId).Subscribe(onProgress);
    }

    /// <summary>Asks a running export to stop: its download is broken off.</summary>
    public void Cancel(string exportId)
    {
        if (_jobs.TryGetValue(exportId, out var job))
        {
            job.Cancel();
        }
    }

    /// <summary>The current progress of an export (null when unknown).</summary>
    public CallExportProgress? Peek(string exportId) => _jobs.TryGetValue(exportId, out var job) ? job.Progress : null;

    /// <summary>Called by the export endpoint when the download starts; the token is cancelled by <see cref="Cancel"/>.</summary>
    internal CancellationToken Begin(string exportId) => GetOrAdd(exportId).Begin();

    /// <summary>Reports progress of a running export.</summary>
    internal void Report(string exportId, CallExportProgress progress)
    {
        if (_jobs.TryGetValue(exportId, out var job))
        {
            job.Report(progress);
        }
    }

    private Job GetOrAdd(string exportId) => _jobs.GetOrAdd(exportId, static (_, now) => new Job(now), time.GetUtcNow());

    private void Sweep()
    {
        var cutoff = time.GetUtcNow() - s_retention;
        foreach (var (id, job) in _jobs)
        {
            if (job.CreatedAt < cutoff && job.IsIdle)
            {
                _jobs.TryRemove(KeyValuePair.Create(id, job));
            }
        }
    }

    private sealed class Job(DateTimeOffset createdAt)
    {
        private readonly Lock _gate = new();
        private readonly CancellationTokenSource _cancel = new();
        private readonly List<Func<CallExportProgress, Task>> _watchers = [];

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public CallExportProgress Progress { get; private set; } = new(CallExportState.Waiting, 0, null);

        public bool IsIdle
        {
            get
            {
                lock (_gate)
                {
                    return _watchers.Count == 0 && (Progress.IsFinished || Progress.State == CallExportState.Waiting);
                }
            }
        }

        public IDisposable Subscribe(Func<CallExportProgress, Task> watcher)
        {
            lock (_gate)
            {
                _watchers.Add(watcher);
            }

            return new Unsubscriber(this, watcher);
        }

        public CancellationToken Begin()
        {
            Report(new CallExportProgress(CallExportState.Running, 0, null));
            return _cancel.Token;
        }

        public void Cancel()
        {
            var waiting = false;
            lock (_gate)
            {
                waiting = Progress.State == CallExportState.Waiting;
            }

            if (waiting)
            {
                // The download never started: nothing to break off, only the page to tell.
                Report(new CallExportProgress(CallExportState.Cancelled, 0, null));
            }

            _cancel.Cancel();
        }

        public void Report(CallExportProgress progress)
        {
            Func<CallExportProgress, Task>[] watchers;
            lock (_gate)
            {
                if (Progress.IsFinished)
                {
                    return;
                }

                Progress = progress;
                watchers = [.. _watchers];
            }

            foreach (var watcher in watchers)
            {
                _ = watcher(progress);
            }
        }

        private sealed class Unsubscriber(Job job, Func<CallExportProgress, Task> watcher) : IDisposable
        {
            public void Dispose()
            {
                lock (job._gate)
                {
                    job._watchers.Remove(watcher);
                }
            }
        }
    }
}
