using Osvi.Client;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Services.Agents;

namespace Osvi.Dashboard.Services.Dnd;

/// <summary>Where a DND change came from; recorded in the audit trail's <c>Source</c>.</summary>
public static class DndSources
{
    /// <summary>One number added or removed on the DND page.</summary>
    public const string Manual = "manual";

    /// <summary>A line of a bulk add or remove.</summary>
    public const string Bulk = "bulk";

    /// <summary>"Add this number to DND" on a call's detail page (the call id is recorded too).</summary>
    public const string FromCall = "from-call";

    /// <summary>A label for people.</summary>
    public static string Describe(string? source) => source switch
    {
        Manual => "Manual",
        Bulk => "Bulk",
        FromCall => "From a call",
        null or "" => "—",
        _ => source,
    };
}

/// <summary>The audit actions of the DND area.</summary>
public static class DndActions
{
    /// <summary>A number added to an agent's list.</summary>
    public const string Add = "dnd.add";

    /// <summary>A number removed from an agent's list.</summary>
    public const string Remove = "dnd.remove";

    /// <summary>A bulk run refused as a whole (the user may not change DND lists).</summary>
    public const string BulkRefused = "dnd.bulk";
}

/// <summary>One entry of an agent's DND list.</summary>
/// <param name="Id">OSVI's entry id.</param>
/// <param name="AgentUuid">The agent.</param>
/// <param name="Phone">The number, E.164.</param>
/// <param name="Reason">The note given when it was added.</param>
/// <param name="CreatedAt">When it was added.</param>
public sealed record DndEntryView(long Id, string AgentUuid, string Phone, string? Reason, DateTimeOffset CreatedAt);

/// <summary>What to list: one page of an agent's DND list, optionally searched.</summary>
/// <param name="AgentUuid">The agent (active or not).</param>
/// <param name="Search">Part of a phone number, in any format (sent to OSVI as digits, or E.164 for a full number).</param>
/// <param name="Page">1-based page.</param>
/// <param name="PerPage">Entries per page (OSVI caps it at 100).</param>
public sealed record DndListRequest(string AgentUuid, string? Search = null, int Page = 1, int PerPage = 25);

/// <summary>One page of an agent's DND list.</summary>
/// <param name="Items">The entries, newest first.</param>
/// <param name="TotalCount">Entries matching the search across all pages.</param>
/// <param name="Page">The page (1-based).</param>
/// <param name="PerPage">Entries per page as OSVI applied it.</param>
public sealed record DndPage(IReadOnlyList<DndEntryView> Items, int TotalCount, int Page, int PerPage);

/// <summary>A number to add to an agent's list.</summary>
public sealed record DndAddRequest
{
    /// <summary>The agent.</summary>
    public required string AgentUuid { get; init; }

    /// <summary>The number as typed or uploaded; read in <see cref="Region"/> unless it has a country code.</summary>
    public required string Phone { get; init; }

    /// <summary>The region of a number without a country code; null for <c>Dashboard:PhoneRegion</c>.</summary>
    public string? Region { get; init; }

    /// <summary>The note OSVI keeps with the entry.</summary>
    public string? Reason { get; init; }

    /// <summary>One of <see cref="DndSources"/>.</summary>
    public string Source { get; init; } = DndSources.Manual;

    /// <summary>The call the number came from (source <see cref="DndSources.FromCall"/>).</summary>
    public string? CallId { get; init; }

    /// <summary>The bulk run and line this request belongs to (recorded so the trail groups a bulk run).</summary>
    public DndBulkReference? Bulk { get; init; }
}

/// <summary>A number to remove from an agent's list.</summary>
public sealed record DndRemoveRequest
{
    /// <summary>The agent.</summary>
    public required string AgentUuid { get; init; }

    /// <summary>The number as typed, uploaded or listed.</summary>
    public required string Phone { get; init; }

    /// <summary>The region of a number without a country code; null for <c>Dashboard:PhoneRegion</c>.</summary>
    public string? Region { get; init; }

    /// <summary>One of <see cref="DndSources"/>.</summary>
    public string Source { get; init; } = DndSources.Manual;

    /// <summary>The bulk run and line this request belongs to.</summary>
    public DndBulkReference? Bulk { get; init; }
}

/// <summary>A line of a bulk run, as recorded in the audit trail.</summary>
/// <param name="RunId">The run's id (short, shared by all its lines).</param>
/// <param name="Line">The line number in what was pasted or uploaded.</param>
public sealed record DndBulkReference(string RunId, int Line);

/// <summary>How an add ended when OSVI answered with success.</summary>
public enum DndAddOutcome
{
    /// <summary>OSVI created the entry.</summary>
    Added,

    /// <summary>The number was already on the list (D2: a 422 "Phone has already been taken", or a 2xx with the existing
    /// entry). The number is blocked, which is what was asked: not an error.</summary>
    AlreadyListed,
}

/// <summary>The result of an add that OSVI accepted.</summary>
/// <param name="Outcome">Added or already on the list.</param>
/// <param name="Phone">The number, E.164.</param>
/// <param name="Entry">The entry, when OSVI sent it.</param>
/// <param name="Message">What happened, in words (also recorded in the audit trail).</param>
public sealed record DndAddResult(DndAddOutcome Outcome, string Phone, DndEntryView? Entry, string Message);

/// <summary>How a remove ended when OSVI answered with success.</summary>
public enum DndRemoveOutcome
{
    /// <summary>OSVI removed the entry (or answered 200 for a number that was not there, D3).</summary>
    Removed,

    /// <summary>The number was not on the list (D3: 404 "Phone not found in DND list"). Not an error.</summary>
    NotOnList,
}

/// <summary>The result of a remove that OSVI accepted.</summary>
/// <param name="Outcome">Removed or not on the list.</param>
/// <param name="Phone">The number, E.164.</param>
/// <param name="Message">What happened, in words (also recorded in the audit trail).</param>
public sealed record DndRemoveResult(DndRemoveOutcome Outcome, string Phone, string Message);

/// <summary>Whether one agent blocks a number.</summary>
public enum DndCheckState
{
    /// <summary>The number is on the agent's DND list.</summary>
    Blocked,

    /// <summary>The number is not on the agent's list: the agent may call it.</summary>
    NotBlocked,

    /// <summary>The agent's list could not be read; see the error.</summary>
    Unknown,
}

/// <summary>One agent's answer to "is this number blocked?".</summary>
/// <param name="Agent">The active agent.</param>
/// <param name="State">Blocked, not blocked, or unknown (its list could not be read).</param>
/// <param name="Entry">The entry, when blocked.</param>
/// <param name="Error">Why the list could not be read.</param>
public sealed record DndAgentCheck(AgentView Agent, DndCheckState State, DndEntryView? Entry, OsviError? Error);

/// <summary>"Is this number blocked?" across every active agent.</summary>
/// <param name="Phone">The number checked, E.164.</param>
/// <param name="Agents">One answer per active agent, in the agents' order.</param>
public sealed record DndCheckReport(string Phone, IReadOnlyList<DndAgentCheck> Agents)
{
    /// <summary>Agents that block the number.</summary>
    public int BlockedCount => Agents.Count(agent => agent.State == DndCheckState.Blocked);

    /// <summary>Agents whose list could not be read.</summary>
    public int UnknownCount => Agents.Count(agent => agent.State == DndCheckState.Unknown);
}

/// <summary>Filters of the DND audit trail; every one optional.</summary>
public sealed record DndAuditFilter
{
    /// <summary>Exactly this agent.</summary>
    public string? AgentUuid { get; init; }

    /// <summary>Part of a phone number in any format.</summary>
    public string? Phone { get; init; }

    /// <summary>Part of a user name.</summary>
    public string? User { get; init; }

    /// <summary>From this day (in the dashboard's time zone).</summary>
    public DateOnly? From { get; init; }

    /// <summary>To this day, inclusive (in the dashboard's time zone).</summary>
    public DateOnly? To { get; init; }
}

/// <summary>One add or remove in the DND audit trail.</summary>
public sealed record DndAuditRow
{
    /// <summary>The audit entry's id.</summary>
    public required long Id { get; init; }

    /// <summary>When.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Who.</summary>
    public required string User { get; init; }

    /// <summary>The audit action (<see cref="DndActions"/>).</summary>
    public required string Action { get; init; }

    /// <summary>The agent.</summary>
    public string? AgentUuid { get; init; }

    /// <summary>The number, E.164.</summary>
    public string? Phone { get; init; }

    /// <summary>The reason given with an add.</summary>
    public string? Reason { get; init; }

    /// <summary>One of <see cref="DndSources"/>.</summary>
    public string? Source { get; init; }

    /// <summary>The call the number came from.</summary>
    public string? CallId { get; init; }

    /// <summary>The bulk run and line.</summary>
    public DndBulkReference? Bulk { get; init; }

    /// <summary>Succeeded, refused or failed.</summary>
    public required AuditResult Result { get; init; }

    /// <summary>OSVI's message or the dashboard's.</summary>
    public string? Message { get; init; }

    /// <summary>OSVI's HTTP status.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The kind of failure.</summary>
    public string? ErrorKind { get; init; }

    /// <summary>"Add", "Remove" or the raw action.</summary>
    public string ActionLabel => Action switch
    {
        DndActions.Add => "Add",
        DndActions.Remove => "Remove",
        DndActions.BulkRefused => "Bulk run",
        _ => Action,
    };
}

/// <summary>One page of the DND audit trail, newest first.</summary>
/// <param name="Items">The rows.</param>
/// <param name="TotalCount">Rows matching the filter.</param>
public sealed record DndAuditPage(IReadOnlyList<DndAuditRow> Items, int TotalCount);
