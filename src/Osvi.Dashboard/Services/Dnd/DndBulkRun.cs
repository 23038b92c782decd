using Osvi.Client;

namespace Osvi.Dashboard.Services.Dnd;

/// <summary>Add or remove.</summary>
public enum DndBulkOperation
{
    /// <summary>Add every valid line to the agent's list.</summary>
    Add,

    /// <summary>Remove every valid line from the agent's list.</summary>
    Remove,
}

/// <summary>What happened to one line of a bulk run. Every line ends in exactly one of these.</summary>
public enum DndLineOutcome
{
    /// <summary>Valid and waiting to be sent.</summary>
    Pending,

    /// <summary>Sent; OSVI has not answered yet.</summary>
    Sending,

    /// <summary>OSVI added it.</summary>
    Added,

    /// <summary>It was already on the list (D2). Not an error.</summary>
    AlreadyListed,

    /// <summary>OSVI removed it.</summary>
    Removed,

    /// <summary>It was not on the list (D3). Not an error.</summary>
    NotOnList,

    /// <summary>Not a usable phone number; not sent.</summary>
    Invalid,

    /// <summary>The same number appeared on an earlier line of this run; not sent again.</summary>
    Repeated,

    /// <summary>OSVI refused or failed; see the message. The list is unchanged for this number.</summary>
    Failed,

    /// <summary>OSVI did not answer (unreachable, timed out, dropped, or the run was stopped while it was in flight):
    /// the change may or may not have been applied. Check the list.</summary>
    Unknown,

    /// <summary>The dashboard refused: the user may not change DND lists. Not sent.</summary>
    Refused,

    /// <summary>The run was stopped before this line was sent.</summary>
    NotSent,
}

/// <summary>One line of a bulk run.</summary>
public sealed class DndBulkLine
{
    internal DndBulkLine(int number, string input, string? e164, string? reason, DndLineOutcome outcome, string? message)
    {
        Number = number;
        Input = input;
        E164 = e164;
        Reason = reason;
        Outcome = outcome;
        Message = message;
    }

    /// <summary>The line number in what was pasted or uploaded (1-based).</summary>
    public int Number { get; }

    /// <summary>The number as given.</summary>
    public string Input { get; }

    /// <summary>The number in E.164, when valid.</summary>
    public string? E164 { get; }

    /// <summary>The reason given on the line (a second column), if any.</summary>
    public string? Reason { get; }

    /// <summary>What happened.</summary>
    public DndLineOutcome Outcome { get; private set; }

    /// <summary>Why (the parse error, OSVI's message, …).</summary>
    public string? Message { get; private set; }

    /// <summary>OSVI's failure, for <see cref="DndLineOutcome.Failed"/> and <see cref="DndLineOutcome.Unknown"/>.</summary>
    public OsviError? Error { get; private set; }

    internal void Set(DndLineOutcome outcome, string? message, OsviError? error = null)
    {
        Outcome = outcome;
        Message = message;
        Error = error;
    }
}

/// <summary>Counts of a bulk run by outcome; they always add up to <see cref="Total"/>.</summary>
/// <param name="Counts">Lines per outcome.</param>
public sealed record DndBulkSummary(IReadOnlyDictionary<DndLineOutcome, int> Counts)
{
    /// <summary>Lines of the run.</summary>
    public int Total => Counts.Values.Sum();

    /// <summary>Lines with this outcome.</summary>
    public int this[DndLineOutcome outcome] => Counts.TryGetValue(outcome, out var count) ? count : 0;

    /// <summary>Lines that still wait for an answer (pending or in flight).</summary>
    public int Open => this[DndLineOutcome.Pending] + this[DndLineOutcome.Sending];

    /// <summary>Lines with a final outcome.</summary>
    public int Done => Total - Open;
}

/// <summary>A bulk add or remove: its lines and the outcome of each, updated while it runs (thread-safe). The run
/// keeps the outcome of every line already answered whatever happens to the rest, so the report survives a failure in
/// the middle; <see cref="Changed"/> tells a page to re-render.</summary>
public sealed class DndBulkRun
{
    private readonly Lock _gate = new();

    internal DndBulkRun(string agentUuid, DndBulkOperation operation, IReadOnlyList<DndBulkLine> lines, string? commonReason)
    {
        AgentUuid = agentUuid;
        Operation = operation;
        Lines = lines;
        CommonReason = string.IsNullOrWhiteSpace(commonReason) ? null : commonReason.Trim();
        Id = Guid.NewGuid().ToString("N")[..8];
    }

    /// <summary>A short id recorded with every line in the audit trail.</summary>
    public string Id { get; }

    /// <summary>The agent whose list changes.</summary>
    public string AgentUuid { get; }

    /// <summary>Add or remove.</summary>
    public DndBulkOperation Operation { get; }

    /// <summary>The reason for lines that give none (adds only).</summary>
    public string? CommonReason { get; }

    /// <summary>Every line, in input order.</summary>
    public IReadOnlyList<DndBulkLine> Lines { get; }

    /// <summary>True once <see cref="IDndService.RunBulkAsync"/> has started (a run is sent at most once).</summary>
    public bool Started { get; private set; }

    /// <summary>True when every line has a final outcome.</summary>
    public bool Finished => Summary().Open == 0 && Started;

    /// <summary>Raised (on a worker thread) after a line changed.</summary>
    public event Action? Changed;

    /// <summary>The counts now.</summary>
    public DndBulkSummary Summary()
    {
        lock (_gate)
        {
            return new DndBulkSummary(Lines.GroupBy(line => line.Outcome).ToDictionary(group => group.Key, group => group.Count()));
        }
    }

    /// <summary>Lines that are to be sent.</summary>
    public int SendableCount
    {
        get
        {
            lock (_gate)
            {
                return Lines.Count(line => line.E164 is not null && line.Outcome is not (DndLineOutcome.Invalid or DndLineOutcome.Repeated));
            }
        }
    }

    internal bool TryStart()
    {
        lock (_gate)
        {
            if (Started)
            {
                return false;
            }

            Started = true;
            return true;
        }
    }

    internal void Set(DndBulkLine line, DndLineOutcome outcome, string? message, OsviError? error = null)
    {
        lock (_gate)
        {
            line.Set(outcome, message, error);
        }

        Changed?.Invoke();
    }

    /// <summary>Marks every line still pending (not sent) with <paramref name="outcome"/>.</summary>
    internal void SetPending(DndLineOutcome outcome, string message)
    {
        lock (_gate)
        {
            foreach (var line in Lines.Where(line => line.Outcome == DndLineOutcome.Pending))
            {
                line.Set(outcome, message);
            }
        }

        Changed?.Invoke();
    }
}
