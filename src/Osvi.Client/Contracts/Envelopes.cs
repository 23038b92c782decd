namespace Osvi.Client.Contracts;

/// <summary>The <c>{"success": true, "data": ...}</c> wrapper most v1 endpoints return.</summary>
/// <typeparam name="T">The payload type.</typeparam>
public sealed record OsviEnvelope<T>
{
    /// <summary><c>success</c>: true on every 2xx response.</summary>
    public bool Success { get; init; }

    /// <summary><c>data</c>: the payload.</summary>
    public required T Data { get; init; }
}

/// <summary>The <c>{"success": true, "data": [...], "meta": {...}}</c> shape of paginated v1 lists.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed record OsviPagedEnvelope<T>
{
    /// <summary><c>success</c>: true on every 2xx response.</summary>
    public bool Success { get; init; }

    /// <summary><c>data</c>: the items of the requested page (empty past the last page).</summary>
    public IReadOnlyList<T> Data { get; init; } = [];

    /// <summary><c>meta</c>: pagination facts for the whole result.</summary>
    public PageMeta Meta { get; init; } = new();
}

/// <summary>The <c>meta</c> object of paginated lists.</summary>
public sealed record PageMeta
{
    /// <summary><c>current_page</c> (1-based).</summary>
    public int CurrentPage { get; init; }

    /// <summary><c>total_pages</c>: <c>ceil(total_count / per_page)</c>.</summary>
    public int TotalPages { get; init; }

    /// <summary><c>total_count</c>: items matching the filter across all pages.</summary>
    public int TotalCount { get; init; }

    /// <summary><c>per_page</c> as applied by the server (clamped to 100).</summary>
    public int PerPage { get; init; }
}

/// <summary>The <c>{"success": true, "message": "..."}</c> body of <c>DELETE /v1/dnd_numbers</c> (no <c>data</c>).</summary>
public sealed record OsviMessageResponse
{
    /// <summary><c>success</c>.</summary>
    public bool Success { get; init; }

    /// <summary><c>message</c>, e.g. "Phone removed from DND list".</summary>
    public string? Message { get; init; }
}
