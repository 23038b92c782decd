using System.Text.Json;
using System.Text.Json.Serialization;

namespace Osvi.Client.Contracts;

/// <summary>Body of <c>POST /v1/campaigns/{id}/contacts</c>: at most 10,000 contacts a request.</summary>
public sealed record AddContactsRequest
{
    /// <summary><c>agent_uuid</c>: the agent that will place the calls.</summary>
    public required string AgentUuid { get; init; }

    /// <summary><c>contacts</c>.</summary>
    public required IReadOnlyList<CampaignContact> Contacts { get; init; }

    /// <summary><c>enqueue</c>: release the contacts to the agent's calling queue at once (default false).</summary>
    public bool Enqueue { get; init; }
}

/// <summary>One contact of an upload. Extra keys become prompt variables for the agent.</summary>
public sealed record CampaignContact
{
    /// <summary><c>phone</c>: Indian formats are accepted and normalised by OSVI.</summary>
    public required string Phone { get; init; }

    /// <summary><c>person_name</c>.</summary>
    public string? PersonName { get; init; }

    /// <summary>Every other key of the contact object, kept as prompt variables.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Variables { get; init; }
}

/// <summary><c>data</c> of a successful contacts upload.</summary>
public sealed record ContactUploadResult
{
    /// <summary><c>campaign_upload_id</c>.</summary>
    public long CampaignUploadId { get; init; }

    /// <summary><c>contacts_received</c>.</summary>
    public int ContactsReceived { get; init; }

    /// <summary><c>contacts_accepted</c>.</summary>
    public int ContactsAccepted { get; init; }

    /// <summary><c>duplicates_removed</c>.</summary>
    public int DuplicatesRemoved { get; init; }

    /// <summary><c>enqueued</c>.</summary>
    public bool Enqueued { get; init; }

    /// <summary><c>queued_calls</c>.</summary>
    public int QueuedCalls { get; init; }

    /// <summary><c>dnd_skipped</c>: contacts left out because they are on the DND list (D10: objects, <c>{}</c> or bare strings).</summary>
    public IReadOnlyList<DndSkippedContact> DndSkipped { get; init; } = [];
}

/// <summary>One item of <c>dnd_skipped</c>; both fields may be missing (the documented example is <c>{}</c>).</summary>
[JsonConverter(typeof(Serialization.DndSkippedContactConverter))]
public sealed record DndSkippedContact
{
    /// <summary><c>phone</c>, when given.</summary>
    public string? Phone { get; init; }

    /// <summary><c>person_name</c>, when given.</summary>
    public string? PersonName { get; init; }
}

/// <summary><c>data</c> of <c>GET /v1/campaigns/{id}/status</c>.</summary>
public sealed record CampaignStatusSnapshot
{
    /// <summary><c>campaign</c>: settings.</summary>
    public required CampaignInfo Campaign { get; init; }

    /// <summary><c>calls</c>: outcomes so far.</summary>
    public CampaignCallCounts Calls { get; init; } = new();

    /// <summary><c>uploads</c>: every contact upload with its queues.</summary>
    public IReadOnlyList<CampaignUpload> Uploads { get; init; } = [];
}

/// <summary>The <c>campaign</c> object of the status snapshot.</summary>
public sealed record CampaignInfo
{
    /// <summary><c>id</c>.</summary>
    public long Id { get; init; }

    /// <summary><c>name</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>status</c>: <c>active</c>, <c>inactive</c>, <c>completed</c>, or another value kept as is (D9).</summary>
    public CampaignStatus Status { get; init; }

    /// <summary><c>is_retry_enabled</c>.</summary>
    public bool IsRetryEnabled { get; init; }

    /// <summary><c>retry_threshold</c>: max attempts.</summary>
    public int RetryThreshold { get; init; }

    /// <summary><c>retry_delay</c>: seconds between attempts.</summary>
    public int RetryDelay { get; init; }

    /// <summary><c>created_at</c>.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The <c>calls</c> object of the status snapshot.</summary>
public sealed record CampaignCallCounts
{
    /// <summary><c>total</c>.</summary>
    public int Total { get; init; }

    /// <summary><c>by_status</c>: call status → count; only non-zero statuses appear.</summary>
    public IReadOnlyDictionary<string, int> ByStatus { get; init; } = new Dictionary<string, int>();
}

/// <summary>One upload of the status snapshot.</summary>
public sealed record CampaignUpload
{
    /// <summary><c>campaign_upload_id</c>.</summary>
    public long CampaignUploadId { get; init; }

    /// <summary><c>file_name</c>, e.g. <c>1718000000-api_contacts_ab12cd34ef567890.csv</c>.</summary>
    public string FileName { get; init; } = "";

    /// <summary><c>agent_uuid</c>.</summary>
    public string AgentUuid { get; init; } = "";

    /// <summary><c>created_at</c>.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>queues</c>.</summary>
    public IReadOnlyList<CampaignQueue> Queues { get; init; } = [];
}

/// <summary>One calling queue of an upload.</summary>
public sealed record CampaignQueue
{
    /// <summary><c>agent_uuid</c>.</summary>
    public string AgentUuid { get; init; } = "";

    /// <summary><c>total_queued</c>.</summary>
    public int TotalQueued { get; init; }

    /// <summary><c>completed</c>: true once the queue has drained.</summary>
    public bool Completed { get; init; }
}
