using System.Text.Json.Nodes;
using Osvi.Simulator.Webhooks;
using Osvi.Simulator.Wire;

namespace Osvi.Simulator.World;

/// <summary>What <c>POST /v1/call</c> asks for, already validated for shape.</summary>
internal sealed record StartCallCommand(
    string AgentUuid,
    string PhoneE164,
    string? PersonName,
    string? WebhookUrl,
    JsonObject? AdditionalData,
    int? MaxDurationSeconds,
    int MaxRetries,
    TimeSpan RetryInterval);

/// <summary>The outcome of <see cref="SimulatorWorld.StartCall"/>.</summary>
internal enum StartCallError
{
    None,
    AgentNotOwned,
    AgentNotActive,
    AgentNotVoice,
    OnDnd,
}

/// <summary>Filters of <c>GET /v1/calls</c>, parsed.</summary>
internal sealed record CallFilter(
    IReadOnlySet<string>? Statuses,
    string? AgentUuid,
    long? CampaignId,
    long? UploadId,
    string? Phone,
    bool? Inbound,
    DateTimeOffset? From,
    DateTimeOffset? To)
{
    public bool IsEmpty => Statuses is null && AgentUuid is null && CampaignId is null && UploadId is null && Phone is null && Inbound is null && From is null && To is null;
}

/// <summary>A page of calls as cached UTF-8 JSON items.</summary>
internal sealed record CallPage(IReadOnlyList<byte[]> Items, int TotalCount);

/// <summary>What a recording needs, captured under the lock.</summary>
internal sealed record RecordingSource(Guid CallId, int DurationSeconds, IReadOnlyList<Turn> Turns);

public sealed partial class SimulatorWorld
{
    private static readonly (string Status, int Weight)[] s_outcomeWeights =
        [(CallStatuses.Picked, 55), (CallStatuses.NotPicked, 22), (CallStatuses.Voicemail, 11), (CallStatuses.Busy, 8), (CallStatuses.Failed, 4)];

    internal (SimCall? Call, StartCallError Error) StartCall(Account account, StartCallCommand command)
    {
        lock (_gate)
        {
            var now = CatchUp();
            if (!account.AgentsByUuid.TryGetValue(command.AgentUuid, out var agent))
            {
                return (null, StartCallError.AgentNotOwned);
            }

            if (agent.Channel != AgentChannel.Voice)
            {
                return (null, StartCallError.AgentNotVoice);
            }

            if (!agent.IsActive)
            {
                return (null, StartCallError.AgentNotActive);
            }

            var onDnd = account.IsOnDnd(agent, command.PhoneE164);
            if (onDnd && _settings.DndCallBehavior == DndCallBehavior.Reject)
            {
                return (null, StartCallError.OnDnd);
            }

            var call = NewCall(account, agent, command.PhoneE164, command.PersonName, now, inbound: false, campaign: null, upload: null, queue: null,
                webhookUrl: command.WebhookUrl, maxRetries: command.MaxRetries, retryInterval: command.RetryInterval,
                maxDuration: command.MaxDurationSeconds, additionalData: command.AdditionalData);
            call.AwaitingDial = true;
            if (onDnd)
            {
                SkipForDnd(call, now);
            }
            else
            {
                var version = call.Version;
                Schedule(now.AddSeconds(_options.DialDelaySeconds), at => DialSingle(call, version, at));
            }

            return (call, StartCallError.None);
        }
    }

    internal CallPage ListCalls(Account account, CallFilter filter, int page, int perPage)
    {
        lock (_gate)
        {
            CatchUp();
            var calls = account.Calls;
            var skip = (long)(page - 1) * perPage;
            var items = new List<byte[]>(perPage);
            if (filter.IsEmpty)
            {
                // Newest first straight from the sorted list: no scan on the hot path.
                for (var i = calls.Count - 1 - skip; i >= 0 && items.Count < perPage; i--)
                {
                    items.Add(calls[(int)i].SummaryJson);
                }

                return new CallPage(items, calls.Count);
            }

            var total = 0;
            for (var i = calls.Count - 1; i >= 0; i--)
            {
                var call = calls[i];
                if (!Matches(call, filter))
                {
                    continue;
                }

                if (total >= skip && items.Count < perPage)
                {
                    items.Add(call.SummaryJson);
                }

                total++;
            }

            return new CallPage(items, total);
        }
    }

    private static bool Matches(SimCall call, CallFilter filter)
    {
        if (filter.Statuses is { } statuses && !statuses.Contains(call.Status))
        {
            return false;
        }

        if (filter.AgentUuid is { } agent && !string.Equals(call.Agent.Uuid, agent, StringComparison.Ordinal))
        {
            return false;
        }

        if ((filter.CampaignId is { } campaignId && call.Campaign?.Id != campaignId) || (filter.UploadId is { } uploadId && call.Upload?.Id != uploadId))
        {
            return false;
        }

        if (filter.Inbound is { } inbound && call.Inbound != inbound)
        {
            return false;
        }

        if (filter.Phone is { } phone && !call.Phone.Contains(phone, StringComparison.Ordinal))
        {
            return false;
        }

        if (filter.From is not null || filter.To is not null)
        {
            // Dates filter on call_picked_at; a call never dialled has none and is left out.
            if (call.PickedAt is not { } picked || (filter.From is { } from && picked < from) || (filter.To is { } to && picked > to))
            {
                return false;
            }
        }

        return true;
    }

    internal bool AgentBelongsTo(Account account, string agentUuid) => account.AgentsByUuid.ContainsKey(agentUuid);

    internal CallDetailDto? GetCallDetail(Account account, string id)
    {
        lock (_gate)
        {
            CatchUp();
            if (Find(account, id) is not { } call)
            {
                return null;
            }

            string? summary = null;
            JsonObject? data = null;
            JsonObject? analysis = null;
            if (call.Status == CallStatuses.Picked && call.Agent.AnalysisEnabled)
            {
                var conversation = ConversationOf(call);
                (summary, data, analysis) = (conversation.Summary, conversation.DataCaptured, conversation.PostCallAnalysis);
            }

            var s = call.ToSummary();
            return new CallDetailDto(s.CallId, s.AgentUuid, s.AgentName, s.PhoneNumber, s.FromNumber, s.Status, s.CallType, s.DurationSeconds,
                s.CallEndedBy, s.CallEndedReason, s.CampaignId, s.CampaignUploadId, s.Tag, s.CreatedAt, s.CallPickedAt,
                call.PersonName, call.RetryCount, summary, data, analysis);
        }
    }

    internal TranscriptDto? GetTranscript(Account account, string id)
    {
        lock (_gate)
        {
            CatchUp();
            if (Find(account, id) is not { } call)
            {
                return null;
            }

            IReadOnlyList<TranscriptTurnDto> turns = call.HasRecording ? [.. ConversationOf(call).Turns.Select(t => t.ToDto())] : [];
            return new TranscriptDto(call.IdText, turns);
        }
    }

    /// <summary>Null when the call is not on the account; <c>HasRecording</c> false when it was not answered.</summary>
    internal (bool Found, bool HasRecording, string CallId) GetRecordingState(Account account, string id)
    {
        lock (_gate)
        {
            CatchUp();
            return Find(account, id) is { } call ? (true, call.HasRecording, call.IdText) : (false, false, id);
        }
    }

    /// <summary>The recording's inputs for any account (presigned URLs carry no token).</summary>
    internal RecordingSource? GetRecordingSource(Guid id)
    {
        lock (_gate)
        {
            CatchUp();
            if (!_calls.TryGetValue(id, out var call) || !call.HasRecording)
            {
                return null;
            }

            return new RecordingSource(call.Id, call.DurationSeconds, ConversationOf(call).Turns);
        }
    }

    /// <summary>Admin: creates a call that has already ended (e.g. a very long answered one for recording tests).</summary>
    /// <returns>The call id, or null when the account or agent does not exist.</returns>
    public string? CreateFinishedCall(FinishedCallSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_gate)
        {
            var now = CatchUp();
            var account = _accounts.FirstOrDefault(a => a.Token == spec.Token);
            var agent = spec.AgentUuid is null
                ? account?.Agents.FirstOrDefault(a => a.Channel == AgentChannel.Voice && a.IsActive)
                : account?.AgentsByUuid.GetValueOrDefault(spec.AgentUuid);
            if (account is null || agent is null)
            {
                return null;
            }

            var status = spec.Status ?? CallStatuses.Picked;
            var createdAt = spec.CreatedAt ?? now.AddSeconds(-(spec.DurationSeconds + 10));
            var call = NewCall(account, agent, spec.PhoneE164 ?? Names.Mobile(_random), spec.PersonName ?? Names.Person(_random), createdAt, inbound: false,
                campaign: null, upload: null, queue: null, webhookUrl: null, maxRetries: 0, retryInterval: TimeSpan.Zero, maxDuration: null, additionalData: null);
            call.PickedAt = createdAt.AddSeconds(1);
            call.TextOverride = spec.Text;
            Finish(call, status, status == CallStatuses.Picked ? spec.DurationSeconds : 0, createdAt.AddSeconds(1 + spec.DurationSeconds));
            return call.IdText;
        }
    }

    private SimCall? Find(Account account, string id) =>
        Guid.TryParseExact(id, "D", out var guid) && _calls.TryGetValue(guid, out var call) && call.Account == account ? call : null;

    private static Conversation ConversationOf(SimCall call)
    {
        var conversation = Conversations.Generate(call.Agent.Scenario, call.ContentSeed, call.DurationSeconds, call.PersonName, call.CreatedAt);
        return call.TextOverride is not { } text ? conversation : conversation with
        {
            Turns = [.. conversation.Turns.Select(turn => turn with { Content = text })],
            Summary = text,
            DataCaptured = WithText(conversation.DataCaptured, text),
            PostCallAnalysis = WithText(conversation.PostCallAnalysis, text),
        };

        static JsonObject WithText(JsonObject values, string text)
        {
            var copy = new JsonObject();
            foreach (var (key, value) in values)
            {
                copy[key] = value is JsonValue v && v.TryGetValue<string>(out _) ? JsonValue.Create(text) : value?.DeepClone();
            }

            return copy;
        }
    }

    /// <summary>Admin: renames an agent (e.g. to markup, to prove a client shows names as text); null when unknown.</summary>
    public SimulatedAgent? RenameAgent(string uuid, string name)
    {
        lock (_gate)
        {
            var agent = _accounts.SelectMany(a => a.Agents).FirstOrDefault(a => a.Uuid == uuid);
            if (agent is null)
            {
                return null;
            }

            agent.Name = name;
            foreach (var call in agent.Account.Calls.Where(c => c.Agent == agent))
            {
                call.ForgetCachedJson();
            }

            return new SimulatedAgent(agent.Id, agent.Uuid, agent.Name, agent.State, agent.Channel, agent.HasOutboundTrunk);
        }
    }

    private SimCall NewCall(Account account, Agent agent, string phone, string? personName, DateTimeOffset createdAt, bool inbound,
        Campaign? campaign, Upload? upload, CallQueue? queue, string? webhookUrl, int maxRetries, TimeSpan retryInterval, int? maxDuration, JsonObject? additionalData)
    {
        var id = Names.Uuid(_random);
        var call = new SimCall
        {
            Id = id,
            IdText = id.ToString("D"),
            Sequence = ++_callSequence,
            Account = account,
            Agent = agent,
            Phone = phone,
            FromNumber = inbound ? phone : agent.FromNumber,
            PersonName = personName,
            Inbound = inbound,
            CreatedAt = createdAt,
            ContentSeed = _random.Next(),
            Campaign = campaign,
            Upload = upload,
            Queue = queue,
            WebhookUrl = webhookUrl,
            MaxRetries = maxRetries,
            RetryInterval = retryInterval,
            MaxDurationSeconds = maxDuration,
            AdditionalData = additionalData,
        };
        _calls.Add(id, call);
        InsertSorted(account, call);
        return call;
    }

    private void DialSingle(SimCall call, int version, DateTimeOffset at)
    {
        if (call.Version != version || !call.AwaitingDial)
        {
            return;
        }

        if (call.Account.IsOnDnd(call.Agent, call.Phone))
        {
            SkipForDnd(call, at);
            return;
        }

        Dial(call, at);
    }

    /// <summary>The calling engine dials: call_picked_at is set (D6) and the outcome is scheduled.</summary>
    private void Dial(SimCall call, DateTimeOffset at)
    {
        call.AwaitingDial = false;
        call.PickedAt = at;
        call.Touch();
        var (status, ring, talk) = DrawOutcome(call);
        var version = call.Version;
        Schedule(at.AddSeconds(ring + talk), end => End(call, version, status, talk, end));
    }

    private (string Status, int RingSeconds, int TalkSeconds) DrawOutcome(SimCall call)
    {
        var cap = call.MaxDurationSeconds ?? int.MaxValue;
        if (OutcomeRules.ForcedOutcome(call.Phone, call.RetryCount) is { } forced)
        {
            var talk = forced != CallStatuses.Picked ? 0
                : Math.Min(call.Phone.EndsWith(OutcomeRules.LongCallSuffix, StringComparison.Ordinal) ? OutcomeRules.LongTalkSeconds : OutcomeRules.ForcedTalkSeconds, cap);
            return (forced, OutcomeRules.ForcedRingSeconds, talk);
        }

        var random = new Random(AttemptSeed(call, 17));
        var roll = random.Next(100);
        var status = CallStatuses.Failed;
        foreach (var (candidate, weight) in s_outcomeWeights)
        {
            if ((roll -= weight) < 0)
            {
                status = candidate;
                break;
            }
        }

        return status switch
        {
            CallStatuses.Picked => (status, random.Next(3, 12), Math.Min(TalkSeconds(random), cap)),
            CallStatuses.NotPicked => (status, random.Next(30, 46), 0),
            CallStatuses.Voicemail => (status, random.Next(18, 30), 0),
            CallStatuses.Busy => (status, random.Next(3, 9), 0),
            _ => (status, random.Next(1, 5), 0),
        };
    }

    /// <summary>The seed of one attempt's draws. Not <see cref="HashCode.Combine{T1, T2, T3}"/>: that is randomised per
    /// process, which made the seeded history (and so every number drawn after it) differ from run to run.</summary>
    private static int AttemptSeed(SimCall call, int purpose)
    {
        // Mixed (lowbias32 finaliser) so that neighbouring attempts do not start from neighbouring seeds.
        var hash = unchecked(((uint)call.ContentSeed * 0x9E3779B1u) ^ ((uint)call.RetryCount * 0x85EBCA77u) ^ ((uint)purpose * 0xC2B2AE3Du));
        hash ^= hash >> 16;
        hash = unchecked(hash * 0x7FEB352Du);
        hash ^= hash >> 15;
        hash = unchecked(hash * 0x846CA68Bu);
        hash ^= hash >> 16;
        return (int)hash;
    }

    /// <summary>A believable talk time: log-normal around 1.5–2 minutes, 20 s to 10 min.</summary>
    private static int TalkSeconds(Random random)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return (int)Math.Clamp(Math.Exp(Math.Log(105) + (0.65 * normal)), 20, 600);
    }

    private void End(SimCall call, int version, string status, int talkSeconds, DateTimeOffset at)
    {
        if (call.Version != version)
        {
            return;
        }

        if (call.Queue is { } queue)
        {
            queue.InFlight--;
        }

        if (status != CallStatuses.Picked && call.RetryCount < MaxRetriesOf(call))
        {
            SetOutcome(call, status, 0, at);
            call.RetryPending = true;
            if (call.Queue is { } waitingQueue)
            {
                waitingQueue.RetriesWaiting++;
            }

            var retryVersion = call.Version;
            Schedule(at + RetryIntervalOf(call), due => Redial(call, retryVersion, due));
            EnsureTick(call.Queue, at);
            return;
        }

        Finish(call, status, talkSeconds, at);
    }

    private int MaxRetriesOf(SimCall call) =>
        call.Campaign is { } campaign ? (campaign.IsRetryEnabled ? campaign.RetryThreshold : 0) : call.MaxRetries;

    private static TimeSpan RetryIntervalOf(SimCall call) =>
        call.Campaign is { } campaign ? TimeSpan.FromSeconds(campaign.RetryDelaySeconds) : call.RetryInterval;

    private void Redial(SimCall call, int version, DateTimeOffset at)
    {
        if (call.Version != version || !call.RetryPending)
        {
            return;
        }

        call.RetryPending = false;
        call.RetryCount++;
        call.Status = CallStatuses.InProgress;
        call.DurationSeconds = 0;
        call.EndedBy = null;
        call.EndedReason = null;
        call.EndedAt = null;
        call.PickedAt = null;
        call.AwaitingDial = true;
        call.Touch();
        if (call.Queue is { } queue)
        {
            queue.RetriesWaiting--;
            call.QueueNode = queue.Pending.AddFirst(call);
            EnsureTick(queue, at);
        }
        else
        {
            DialSingle(call, call.Version, at);
        }
    }

    private void SkipForDnd(SimCall call, DateTimeOffset at)
    {
        if (call.QueueNode is { } node)
        {
            call.Queue!.Pending.Remove(node);
            call.QueueNode = null;
        }

        call.AwaitingDial = false;
        Finish(call, CallStatuses.Failed, 0, at, endedBy: "system", reason: "dnd-skipped");
    }

    private void SetOutcome(SimCall call, string status, int talkSeconds, DateTimeOffset at, string? endedBy = null, string? reason = null)
    {
        var random = new Random(AttemptSeed(call, 29));
        call.Status = status;
        call.DurationSeconds = status == CallStatuses.Picked ? Math.Max(talkSeconds, 1) : 0;
        call.EndedAt = at;
        (call.EndedBy, call.EndedReason) = (endedBy, reason) is ({ } by, { } why) ? (by, why) : EndReason(status, random);
        call.Tag = status == CallStatuses.Picked && call.Agent.AnalysisEnabled && Conversations.TagFor(call.Agent.Scenario, call.ContentSeed) is { } tagName
            ? call.Account.Tags.FirstOrDefault(t => t.Name == tagName)
            : null;
        call.Touch();
    }

    private static (string By, string Reason) EndReason(string status, Random random) => status switch
    {
        CallStatuses.Picked => random.Next(100) switch
        {
            < 60 => ("agent", "assistant-ended-call"),
            < 92 => ("user", "customer-ended-call"),
            < 97 => ("agent", "silence-timed-out"),
            _ => ("agent", "exceeded-max-duration"),
        },
        CallStatuses.NotPicked => ("system", "customer-did-not-answer"),
        CallStatuses.Busy => ("system", "customer-busy"),
        CallStatuses.Voicemail => ("agent", "voicemail-detected"),
        _ => ("system", random.Next(3) == 0 ? "invalid-number" : "call-failed"),
    };

    /// <summary>The final outcome: no more retries; webhook and queue bookkeeping.</summary>
    private void Finish(SimCall call, string status, int talkSeconds, DateTimeOffset at, string? endedBy = null, string? reason = null)
    {
        call.RetryPending = false;
        SetOutcome(call, status, talkSeconds, at, endedBy, reason);
        if (call.WebhookUrl is { } url)
        {
            var chat = call.HasRecording ? Conversations.ChatText(ConversationOf(call).Turns) : "";
            _webhooks.Enqueue(new WebhookJob(call.IdText, url, new CallWebhookPayload(call.Agent.Name, call.Agent.Uuid, call.Phone, call.IdText, chat, call.Status, "prod"), at));
        }

        if (call.Queue is { } queue)
        {
            EnsureTick(queue, at);
            CheckCompleted(queue);
        }
    }
}

/// <summary>What the admin API's "create a finished call" asks for.</summary>
/// <param name="Token">The account's API token.</param>
/// <param name="DurationSeconds">Talk time (the recording's length) of a picked call.</param>
/// <param name="AgentUuid">The agent; null = the account's first active voice agent.</param>
/// <param name="PhoneE164">The other party; null = a random number.</param>
/// <param name="Status">The final status (default <c>picked</c>).</param>
/// <param name="CreatedAt">When it was created; null = just long enough ago to have ended now.</param>
/// <param name="PersonName">The caller name.</param>
/// <param name="Text">When set, every free text of the call (transcript, summary, extracted data) is this.</param>
public sealed record FinishedCallSpec(string Token, int DurationSeconds, string? AgentUuid = null, string? PhoneE164 = null, string? Status = null, DateTimeOffset? CreatedAt = null, string? PersonName = null, string? Text = null);
