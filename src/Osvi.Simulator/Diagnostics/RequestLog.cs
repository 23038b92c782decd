using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Osvi.Simulator.Diagnostics;

/// <summary>One request the simulator received (admin requests are not logged; query strings never are).</summary>
/// <param name="Sequence">Arrival order, from 1.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Route">The endpoint's route template (e.g. <c>/v1/call/{id}</c>), or <c>(unmatched)</c>.</param>
/// <param name="Path">The request path without the query.</param>
/// <param name="StatusCode">The status sent; 0 when the connection was dropped or the client gave up.</param>
/// <param name="At">Host time of arrival (UTC).</param>
public sealed record RequestLogEntry(long Sequence, string Method, string Route, string Path, int StatusCode, DateTimeOffset At);

/// <summary>
/// Counts every request per method and route template and keeps the most recent ones, so tests elsewhere can prove an
/// action reached "OSVI" exactly once (<c>GET /_simulator/requests?method=POST&amp;route=/v1/call</c>). Faulted requests
/// count too: they did arrive.
/// </summary>
public sealed class RequestLog(TimeProvider time, IOptions<SimulatorOptions> options)
{
    /// <summary>Route name used when no endpoint matched.</summary>
    public const string Unmatched = "(unmatched)";

    private readonly ConcurrentDictionary<(string Method, string Route), StrongBox<long>> _counts = new();
    private readonly RequestLogEntry[] _ring = new RequestLogEntry[Math.Max(16, options.Value.RequestLogCapacity)];
    private readonly Lock _gate = new();
    private long _sequence;

    /// <summary>How many requests of a method and route arrived since the last reset.</summary>
    public long Count(string method, string route) =>
        _counts.TryGetValue((method.ToUpperInvariant(), route), out var box) ? Volatile.Read(ref box.Value) : 0;

    /// <summary>Every (method, route) counter.</summary>
    public IReadOnlyList<(string Method, string Route, long Count)> Counts =>
        [.. _counts.Select(pair => (pair.Key.Method, pair.Key.Route, Volatile.Read(ref pair.Value.Value))).OrderBy(c => c.Route, StringComparer.Ordinal).ThenBy(c => c.Method, StringComparer.Ordinal)];

    /// <summary>Requests since the last reset.</summary>
    public long Total => Interlocked.Read(ref _sequence);

    /// <summary>The most recent entries, oldest first.</summary>
    public IReadOnlyList<RequestLogEntry> Recent
    {
        get
        {
            lock (_gate)
            {
                return [.. _ring.Where(e => e is not null).OrderBy(e => e.Sequence)];
            }
        }
    }

    /// <summary>Forgets every counter and entry.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _counts.Clear();
            System.Array.Clear(_ring);
            Interlocked.Exchange(ref _sequence, 0);
        }
    }

    internal (long Sequence, DateTimeOffset At) Arrived(string method, string route)
    {
        _counts.GetOrAdd((method, route), static _ => new StrongBox<long>()).Increment();
        return (Interlocked.Increment(ref _sequence), time.GetUtcNow());
    }

    internal void Completed(long sequence, string method, string route, string path, int statusCode, DateTimeOffset at)
    {
        var entry = new RequestLogEntry(sequence, method, route, path, statusCode, at);
        lock (_gate)
        {
            _ring[sequence % _ring.Length] = entry;
        }
    }

    /// <summary>A mutable long that <see cref="Interlocked"/> can work on inside a dictionary.</summary>
    private sealed class StrongBox<T>
    {
        public long Value;

        public void Increment() => Interlocked.Increment(ref Value);
    }
}
