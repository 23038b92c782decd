using System.Text.Json.Nodes;
using Osvi.Simulator.Wire;

namespace Osvi.Simulator.World;

// The mutable state of the simulated world. Every instance is read and changed only under SimulatorWorld's lock.

/// <summary>Lifecycle state of an agent.</summary>
public enum AgentState
{
    /// <summary>Can take calls (the only state listed by active_agents).</summary>
    Active,

    /// <summary>New agents start inactive.</summary>
    Inactive,

    /// <summary>Archived: hidden from active_agents; its history stays.</summary>
    Archived,
}

/// <summary>What kind of conversations an agent has.</summary>
public enum AgentChannel
{
    /// <summary>Phone calls.</summary>
    Voice,

    /// <summary>Chat (v1 chat endpoints).</summary>
    Chat,
}

internal sealed class Account
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required string Token { get; init; }
    public List<Agent> Agents { get; } = [];
    public Dictionary<string, Agent> AgentsByUuid { get; } = new(StringComparer.Ordinal);
    public Dictionary<long, Campaign> Campaigns { get; } = [];
    public List<Tag> Tags { get; } = [];

    /// <summary>Calls ordered by (created_at, sequence) ascending; lists read it backwards (newest first).</summary>
    public List<SimCall> Calls { get; } = [];

    /// <summary>Active DND entries per agent UUID, keyed by E.164 phone.</summary>
    public Dictionary<string, Dictionary<string, DndEntry>> Dnd { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DndEntry> DndOf(Agent agent)
    {
        if (!Dnd.TryGetValue(agent.Uuid, out var list))
        {
            list = new Dictionary<string, DndEntry>(StringComparer.Ordinal);
            Dnd[agent.Uuid] = list;
        }

        return list;
    }

    public bool IsOnDnd(Agent agent, string phone) => Dnd.TryGetValue(agent.Uuid, out var list) && list.ContainsKey(phone);
}

internal sealed class Agent
{
    public required long Id { get; init; }
    public required string Uuid { get; init; }
    public required string Name { get; set; }
    public required Account Account { get; init; }
    public required AgentState State { get; set; }
    public required AgentChannel Channel { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required bool HasOutboundTrunk { get; init; }
    public required bool AnalysisEnabled { get; init; }
    public required string FromNumber { get; init; }
    public required ScenarioKind Scenario { get; init; }

    public bool IsActive => State == AgentState.Active;
}

internal sealed record Tag(long Id, string Name, string ColorCode)
{
    public TagDto ToDto() => new(Id, Name, ColorCode);
}

internal sealed class DndEntry
{
    public required long Id { get; init; }
    public required Agent Agent { get; init; }
    public required string Phone { get; init; }
    public string? Reason { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    public DndEntryDto ToDto() => new(Id, Agent.Uuid, Phone, Reason, Timestamps.Ist(CreatedAt));
}

internal sealed class Campaign
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required Account Account { get; init; }
    public required string Status { get; set; }
    public required bool IsRetryEnabled { get; init; }
    public required int RetryThreshold { get; init; }
    public required int RetryDelaySeconds { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public List<Upload> Uploads { get; } = [];

    public bool IsActive => Status == CampaignStatuses.Active;
}

/// <summary>The campaign statuses the simulator uses (D9).</summary>
public static class CampaignStatuses
{
    /// <summary>Dials its queues.</summary>
    public const string Active = "active";

    /// <summary>Paused: keeps its queues, dials nothing.</summary>
    public const string Inactive = "inactive";

    /// <summary>Finished: dials nothing.</summary>
    public const string Completed = "completed";

    /// <summary>Whether a value is one of the three.</summary>
    public static bool IsKnown(string value) => value is Active or Inactive or Completed;
}

internal sealed class Upload
{
    public required long Id { get; init; }
    public required Campaign Campaign { get; init; }
    public required string FileName { get; init; }
    public required Agent Agent { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public List<CallQueue> Queues { get; } = [];
}

/// <summary>A calling queue: the upload's contacts waiting to be dialled by one agent.</summary>
internal sealed class CallQueue
{
    public required Upload Upload { get; init; }
    public required Agent Agent { get; init; }
    public int TotalQueued { get; set; }
    public bool Completed { get; set; }

    /// <summary>Calls not dialled yet (first attempts and due retries), in order.</summary>
    public LinkedList<SimCall> Pending { get; } = new();
    public int InFlight { get; set; }
    public int RetriesWaiting { get; set; }
    public bool TickScheduled { get; set; }
}

internal sealed class SimCall
{
    private byte[]? _summaryJson;

    public required Guid Id { get; init; }
    public required string IdText { get; init; }
    public required long Sequence { get; init; }
    public required Account Account { get; init; }
    public required Agent Agent { get; init; }
    public required string Phone { get; init; }
    public string? FromNumber { get; init; }
    public string? PersonName { get; init; }
    public bool Inbound { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required int ContentSeed { get; init; }

    public string Status { get; set; } = CallStatuses.InProgress;
    public int DurationSeconds { get; set; }
    public string? EndedBy { get; set; }
    public string? EndedReason { get; set; }
    public Tag? Tag { get; set; }
    public DateTimeOffset? PickedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public int RetryCount { get; set; }

    public Campaign? Campaign { get; init; }
    public Upload? Upload { get; init; }
    public CallQueue? Queue { get; init; }
    public LinkedListNode<SimCall>? QueueNode { get; set; }

    // Per-call settings from POST /v1/call (or the campaign).
    public string? WebhookUrl { get; init; }
    public int MaxRetries { get; init; }
    public TimeSpan RetryInterval { get; init; }
    public int? MaxDurationSeconds { get; init; }
    public JsonObject? AdditionalData { get; init; }

    /// <summary>Waiting in a queue or for its first dial; a DND addition skips it.</summary>
    public bool AwaitingDial { get; set; }

    /// <summary>A re-dial is scheduled; the call shows its last attempt's outcome meanwhile.</summary>
    public bool RetryPending { get; set; }

    /// <summary>Bumped on every change so that scheduled events for an old attempt can tell they are stale.</summary>
    public int Version { get; private set; }

    public bool IsFinal => Status != CallStatuses.InProgress && !RetryPending;

    public bool HasRecording => Status == CallStatuses.Picked && DurationSeconds > 0;

    /// <summary>Admin: replaces every free text of the call (transcript turns, summary, extracted data and analysis values).</summary>
    public string? TextOverride { get; set; }

    public void Touch()
    {
        Version++;
        _summaryJson = null;
    }

    /// <summary>Drops the cached list JSON (the agent was renamed) without marking the call changed.</summary>
    public void ForgetCachedJson() => _summaryJson = null;

    public CallSummaryDto ToSummary() => new(
        IdText, Agent.Uuid, Agent.Name, Phone, FromNumber, Status, Inbound ? "inbound" : "outbound", DurationSeconds, EndedBy, EndedReason,
        Campaign?.Id, Upload?.Id, Tag?.ToDto(), Timestamps.Ist(CreatedAt), Timestamps.Ist(PickedAt));

    /// <summary>The UTF-8 JSON of <see cref="ToSummary"/>, cached until the call changes (the list endpoint's hot path).</summary>
    public byte[] SummaryJson => _summaryJson ??= System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(ToSummary(), SimulatorJson.Context.CallSummaryDto);
}
