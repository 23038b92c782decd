using System.Text.Json.Nodes;
using Osvi.Simulator.Wire;

namespace Osvi.Simulator.World;

/// <summary>One contact row of <c>POST /v1/campaigns/{id}/contacts</c>, already normalised.</summary>
internal sealed record ContactRow(string PhoneE164, string? PersonName, JsonObject? Extra);

internal enum ContactsError
{
    None,
    CampaignNotFound,
    AgentNotFound,
    NoOutboundTrunk,
    AgentNotActive,
}

public sealed partial class SimulatorWorld
{
    internal (ContactsResultDto? Result, ContactsError Error) AddContacts(Account account, long campaignId, string agentUuid, IReadOnlyList<ContactRow> contacts, bool enqueue)
    {
        lock (_gate)
        {
            var now = CatchUp();
            if (!account.Campaigns.TryGetValue(campaignId, out var campaign))
            {
                return (null, ContactsError.CampaignNotFound);
            }

            if (!account.AgentsByUuid.TryGetValue(agentUuid, out var agent) || agent.Channel != AgentChannel.Voice)
            {
                return (null, ContactsError.AgentNotFound);
            }

            if (enqueue && !agent.HasOutboundTrunk)
            {
                return (null, ContactsError.NoOutboundTrunk);
            }

            if (enqueue && !agent.IsActive)
            {
                return (null, ContactsError.AgentNotActive);
            }

            // Dedupe on the normalised phone, keeping the longer person_name (contract §3.8).
            var unique = new Dictionary<string, ContactRow>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var row in contacts)
            {
                if (unique.TryGetValue(row.PhoneE164, out var existing))
                {
                    if ((row.PersonName?.Length ?? 0) > (existing.PersonName?.Length ?? 0))
                    {
                        unique[row.PhoneE164] = row;
                    }
                }
                else
                {
                    unique[row.PhoneE164] = row;
                    order.Add(row.PhoneE164);
                }
            }

            var skipped = new List<DndSkippedDto>();
            var accepted = new List<ContactRow>();
            foreach (var phone in order)
            {
                var row = unique[phone];
                if (account.IsOnDnd(agent, phone))
                {
                    skipped.Add(new DndSkippedDto(phone, row.PersonName));
                }
                else
                {
                    accepted.Add(row);
                }
            }

            var upload = NewUpload(campaign, agent, now);
            if (enqueue)
            {
                var queue = new CallQueue { Upload = upload, Agent = agent };
                upload.Queues.Add(queue);
                Enqueue(queue, accepted.Select(r => (r.PhoneE164, r.PersonName)), now);
            }

            return (new ContactsResultDto(upload.Id, contacts.Count, accepted.Count, contacts.Count - order.Count, enqueue, enqueue ? accepted.Count : 0, skipped), ContactsError.None);
        }
    }

    internal bool CampaignExists(Account account, long campaignId)
    {
        lock (_gate)
        {
            return account.Campaigns.ContainsKey(campaignId);
        }
    }

    internal CampaignStatusDto? GetCampaignStatus(Account account, long campaignId)
    {
        lock (_gate)
        {
            CatchUp();
            if (!account.Campaigns.TryGetValue(campaignId, out var campaign))
            {
                return null;
            }

            var counts = new int[CallStatuses.All.Count];
            var total = 0;
            foreach (var call in account.Calls)
            {
                if (call.Campaign == campaign)
                {
                    total++;
                    counts[IndexOfStatus(call.Status)]++;
                }
            }

            var byStatus = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < counts.Length; i++)
            {
                if (counts[i] > 0)
                {
                    byStatus[CallStatuses.All[i]] = counts[i];
                }
            }

            return new CampaignStatusDto(
                new CampaignDto(campaign.Id, campaign.Name, campaign.Status, campaign.IsRetryEnabled, campaign.RetryThreshold, campaign.RetryDelaySeconds, Timestamps.Ist(campaign.CreatedAt)),
                new CampaignCallsDto(total, byStatus),
                [.. campaign.Uploads.Select(u => new CampaignUploadDto(u.Id, u.FileName, u.Agent.Uuid, Timestamps.Ist(u.CreatedAt),
                    [.. u.Queues.Select(q => new CampaignQueueDto(q.Agent.Uuid, q.TotalQueued, q.Completed))]))]);
        }
    }

    /// <summary>Admin: sets a campaign's status; <c>active</c> resumes its queues, anything else pauses them.</summary>
    /// <returns>False when no campaign has that id.</returns>
    public bool SetCampaignStatus(long campaignId, string status)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(status);
        lock (_gate)
        {
            var now = CatchUp();
            var campaign = _accounts.Select(a => a.Campaigns.GetValueOrDefault(campaignId)).FirstOrDefault(c => c is not null);
            if (campaign is null)
            {
                return false;
            }

            campaign.Status = status;
            foreach (var queue in campaign.Uploads.SelectMany(u => u.Queues))
            {
                EnsureTick(queue, now);
            }

            return true;
        }
    }

    private static int IndexOfStatus(string status)
    {
        for (var i = 0; i < CallStatuses.All.Count; i++)
        {
            if (CallStatuses.All[i] == status)
            {
                return i;
            }
        }

        return CallStatuses.All.Count - 1;
    }

    private Upload NewUpload(Campaign campaign, Agent agent, DateTimeOffset at)
    {
        var upload = new Upload
        {
            Id = ++_nextUploadId,
            Campaign = campaign,
            Agent = agent,
            CreatedAt = at,
            FileName = $"{at.ToUnixTimeSeconds()}-api_contacts_{RandomHex(_random)}.csv",
        };
        campaign.Uploads.Add(upload);
        return upload;
    }

    private void Enqueue(CallQueue queue, IEnumerable<(string Phone, string? Name)> contacts, DateTimeOffset at)
    {
        foreach (var (phone, name) in contacts)
        {
            var call = NewCall(queue.Upload.Campaign.Account, queue.Agent, phone, name, at, inbound: false, queue.Upload.Campaign, queue.Upload, queue,
                webhookUrl: null, maxRetries: 0, retryInterval: TimeSpan.Zero, maxDuration: null, additionalData: null);
            call.AwaitingDial = true;
            call.QueueNode = queue.Pending.AddLast(call);
            queue.TotalQueued++;
        }

        CheckCompleted(queue);
        EnsureTick(queue, at);
    }

    private void EnsureTick(CallQueue? queue, DateTimeOffset at)
    {
        if (queue is null || queue.TickScheduled || queue.Completed || queue.Pending.Count == 0 || !queue.Upload.Campaign.IsActive)
        {
            return;
        }

        queue.TickScheduled = true;
        Schedule(at, due => QueueTick(queue, due));
    }

    /// <summary>Dials the next contact of an active campaign's queue (one per interval, a few at a time).</summary>
    private void QueueTick(CallQueue queue, DateTimeOffset at)
    {
        queue.TickScheduled = false;
        if (!queue.Upload.Campaign.IsActive || queue.Completed)
        {
            return;
        }

        while (queue.InFlight < _options.CampaignConcurrency && queue.Pending.First is { } node)
        {
            var call = node.Value;
            queue.Pending.RemoveFirst();
            call.QueueNode = null;
            if (!call.AwaitingDial)
            {
                continue;
            }

            if (call.Account.IsOnDnd(call.Agent, call.Phone))
            {
                SkipForDnd(call, at);
                continue;
            }

            queue.InFlight++;
            Dial(call, at);
            break;
        }

        CheckCompleted(queue);
        if (queue.Pending.Count > 0 && queue.InFlight < _options.CampaignConcurrency)
        {
            queue.TickScheduled = true;
            Schedule(at.AddSeconds(_options.CampaignDialIntervalSeconds), due => QueueTick(queue, due));
        }
    }

    private static void CheckCompleted(CallQueue queue)
    {
        if (!queue.Completed && queue.Pending.Count == 0 && queue.InFlight == 0 && queue.RetriesWaiting == 0)
        {
            queue.Completed = true;
        }
    }

    private static string RandomHex(Random random)
    {
        Span<byte> bytes = stackalloc byte[8];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
