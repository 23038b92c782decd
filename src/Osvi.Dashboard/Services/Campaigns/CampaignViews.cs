using Osvi.Client.Contracts;

namespace Osvi.Dashboard.Services.Campaigns;

/// <summary>One campaign as OSVI's status endpoint describes it, in the dashboard's terms.</summary>
public sealed record CampaignStatusView
{
    /// <summary>OSVI's campaign id.</summary>
    public required long Id { get; init; }

    /// <summary>The name given in OSVI.</summary>
    public required string Name { get; init; }

    /// <summary><c>active</c>, <c>inactive</c>, <c>completed</c> or another value kept as is (D9).</summary>
    public CampaignStatus Status { get; init; }

    /// <summary>Whether unanswered contacts are dialled again.</summary>
    public bool IsRetryEnabled { get; init; }

    /// <summary>How many times a contact is dialled again at most.</summary>
    public int RetryThreshold { get; init; }

    /// <summary>The wait between attempts.</summary>
    public TimeSpan RetryDelay { get; init; }

    /// <summary>When the campaign was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Every call of the campaign so far, queued ones included (OSVI lists them as <c>in_progress</c>).</summary>
    public int TotalCalls { get; init; }

    /// <summary>Calls by status; every documented status is present (0 when OSVI left it out), unknown ones are kept.</summary>
    public IReadOnlyDictionary<CallStatus, int> ByStatus { get; init; } = new Dictionary<CallStatus, int>();

    /// <summary>Every contact upload, newest first.</summary>
    public IReadOnlyList<CampaignUploadView> Uploads { get; init; } = [];

    /// <summary>True while the campaign dials (OSVI pauses every other status, keeping the queue).</summary>
    public bool IsActive => Status == CampaignStatus.Active;

    /// <summary>Calls queued or under way: the contacts still to be dialled or finished.</summary>
    public int Remaining => Count(CallStatus.InProgress);

    /// <summary>Calls with an outcome.</summary>
    public int Finished => Math.Max(0, TotalCalls - Remaining);

    /// <summary>Answered calls.</summary>
    public int Answered => Count(CallStatus.Picked);

    /// <summary>Answered among the calls with an outcome, or null when none has one.</summary>
    public double? PickupRate => Finished > 0 ? Math.Min(1, (double)Answered / Finished) : null;

    /// <summary>Contacts queued by the uploads whose queues have not drained yet.</summary>
    public int QueuedInOpenUploads => Uploads.SelectMany(upload => upload.Queues).Where(queue => !queue.Completed).Sum(queue => queue.TotalQueued);

    /// <summary>Contacts of the open queues that have been dialled to an outcome.</summary>
    public int DoneInOpenUploads => Math.Max(0, QueuedInOpenUploads - Remaining);

    /// <summary>Share of the open queues' contacts that have an outcome (1 when every queue has drained), or null when
    /// no upload was ever queued.</summary>
    public double? Progress => QueuedInOpenUploads > 0 ? Math.Clamp((double)DoneInOpenUploads / QueuedInOpenUploads, 0, 1)
        : Uploads.Any(upload => upload.Queues.Count > 0) ? 1 : null;

    /// <summary>True when a queue is open although no call is queued or under way: unanswered contacts wait for a retry.</summary>
    public bool WaitingForRetries => Remaining == 0 && Uploads.Any(upload => upload.Queues.Any(queue => !queue.Completed));

    /// <summary>The count of one status.</summary>
    public int Count(CallStatus status) => ByStatus.TryGetValue(status, out var count) ? count : 0;

    /// <summary>Builds the view from OSVI's snapshot.</summary>
    public static CampaignStatusView From(CampaignStatusSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var byStatus = CallStatus.Known.ToDictionary(status => status, _ => 0);
        foreach (var (status, count) in snapshot.Calls.ByStatus)
        {
            var key = CallStatus.From(status);
            byStatus[key] = byStatus.GetValueOrDefault(key) + Math.Max(0, count);
        }

        return new CampaignStatusView
        {
            Id = snapshot.Campaign.Id,
            Name = string.IsNullOrWhiteSpace(snapshot.Campaign.Name) ? $"Campaign {snapshot.Campaign.Id}" : snapshot.Campaign.Name,
            Status = snapshot.Campaign.Status,
            IsRetryEnabled = snapshot.Campaign.IsRetryEnabled,
            RetryThreshold = snapshot.Campaign.RetryThreshold,
            RetryDelay = TimeSpan.FromSeconds(Math.Max(0, snapshot.Campaign.RetryDelay)),
            CreatedAt = snapshot.Campaign.CreatedAt,
            TotalCalls = Math.Max(snapshot.Calls.Total, byStatus.Values.Sum()),
            ByStatus = byStatus,
            Uploads = [.. snapshot.Uploads
                .OrderByDescending(upload => upload.CreatedAt)
                .ThenByDescending(upload => upload.CampaignUploadId)
                .Select(upload => new CampaignUploadView(upload.CampaignUploadId, upload.FileName, upload.AgentUuid, upload.CreatedAt,
                    [.. upload.Queues.Select(queue => new CampaignQueueView(queue.AgentUuid, queue.TotalQueued, queue.Completed))]))],
        };
    }
}

/// <summary>One contact upload of a campaign.</summary>
/// <param name="Id">OSVI's <c>campaign_upload_id</c>.</param>
/// <param name="FileName">The file name OSVI gave it (API uploads: <c>&lt;epoch&gt;-api_contacts_&lt;hex&gt;.csv</c>).</param>
/// <param name="AgentUuid">The agent the contacts were uploaded for.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="Queues">Its calling queues (none when the contacts were stored without enqueueing).</param>
public sealed record CampaignUploadView(long Id, string FileName, string AgentUuid, DateTimeOffset CreatedAt, IReadOnlyList<CampaignQueueView> Queues)
{
    /// <summary>True when every queue has drained (false for an upload that was never queued).</summary>
    public bool IsComplete => Queues.Count > 0 && Queues.All(queue => queue.Completed);

    /// <summary>Contacts queued by this upload.</summary>
    public int TotalQueued => Queues.Sum(queue => queue.TotalQueued);
}

/// <summary>One calling queue of an upload.</summary>
/// <param name="AgentUuid">The agent dialling it.</param>
/// <param name="TotalQueued">Contacts it received.</param>
/// <param name="Completed">True once it has drained.</param>
public sealed record CampaignQueueView(string AgentUuid, int TotalQueued, bool Completed);

/// <summary>A campaign id found in recent calls that is not watched yet.</summary>
/// <param name="CampaignId">OSVI's campaign id.</param>
/// <param name="CallsSeen">How many of the recent calls belong to it.</param>
/// <param name="LastCallAt">The newest of those calls.</param>
public sealed record CampaignSuggestion(long CampaignId, int CallsSeen, DateTimeOffset LastCallAt);
