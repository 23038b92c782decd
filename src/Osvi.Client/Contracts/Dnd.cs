using Refit;

namespace Osvi.Client.Contracts;

/// <summary>Body of <c>POST /v1/dnd_numbers</c>.</summary>
public sealed record AddDndNumberRequest
{
    /// <summary><c>agent_uuid</c>.</summary>
    public required string AgentUuid { get; init; }

    /// <summary><c>phone</c>: normalised to E.164 by OSVI.</summary>
    public required string Phone { get; init; }

    /// <summary><c>reason</c>: a note for your own records.</summary>
    public string? Reason { get; init; }
}

/// <summary>A DND entry (<c>V1DndNumber</c>).</summary>
public sealed record DndEntry
{
    /// <summary><c>id</c>.</summary>
    public long Id { get; init; }

    /// <summary><c>agent_uuid</c>.</summary>
    public string AgentUuid { get; init; } = "";

    /// <summary><c>phone</c>, E.164.</summary>
    public string Phone { get; init; } = "";

    /// <summary><c>reason</c>.</summary>
    public string? Reason { get; init; }

    /// <summary><c>created_at</c>.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Query of <c>GET /v1/dnd_numbers</c>.</summary>
public sealed record DndListQuery
{
    /// <summary><c>agent_uuid</c> (required).</summary>
    [AliasAs("agent_uuid")]
    public required string AgentUuid { get; init; }

    /// <summary><c>search</c>: partial match on the phone number.</summary>
    [AliasAs("search")]
    public string? Search { get; init; }

    /// <summary><c>page</c>.</summary>
    [AliasAs("page")]
    public int? Page { get; init; }

    /// <summary><c>per_page</c> (capped at 100).</summary>
    [AliasAs("per_page")]
    public int? PerPage { get; init; }
}
