using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Dnd;

namespace Osvi.Dashboard.Services.Calls;

/// <summary>OSVI's calls for the dashboard's pages: the log, one call, its transcript and recording, DND checks and
/// starting calls. Pages use this, never <see cref="IOsviApi"/>.</summary>
public interface ICallsService
{
    /// <summary>One page of calls matching <paramref name="filter"/>, newest first (<c>GET /v1/calls</c>).</summary>
    Task<ServiceResult<CallPage>> ListCallsAsync(CallFilter filter, int page, int perPage, CancellationToken ct);

    /// <summary>One call with summary, extracted data and analysis (<c>GET /v1/call/{id}</c>).</summary>
    Task<ServiceResult<CallDetailView>> GetCallAsync(string callId, CancellationToken ct);

    /// <summary>The call's transcript; no lines when nothing was captured (<c>GET /v1/call/{id}/transcript</c>).</summary>
    Task<ServiceResult<CallTranscriptView>> GetTranscriptAsync(string callId, CancellationToken ct);

    /// <summary>Whether the call has a recording (asks OSVI for a presigned URL and keeps it server-side for the
    /// dashboard's <c>/recordings/{id}</c> endpoint; the URL itself is never returned).</summary>
    Task<ServiceResult<RecordingAvailability>> GetRecordingAvailabilityAsync(string callId, CancellationToken ct);

    /// <summary>The agent's DND entry for this number, or null when it is not on the list (<c>GET /v1/dnd_numbers</c>
    /// searched by the number).</summary>
    Task<ServiceResult<DndEntryView?>> FindOnDndListAsync(string agentUuid, string phoneE164, CancellationToken ct);

    /// <summary>Starts a call (<c>POST /v1/call</c>): needs <see cref="DashboardPermission.StartCalls"/>, is sent
    /// exactly once (never retried) and audited whatever the outcome. An <see cref="OsviErrorKind.Unreachable"/> failure
    /// means the outcome is unknown.</summary>
    /// <param name="command">The call.</param>
    /// <param name="source">Where it was started from (audit), e.g. <c>call-log</c>, <c>call-detail</c>, <c>link</c>.</param>
    /// <param name="ct">Cancels waiting; the audit row is written anyway.</param>
    /// <returns>The new call's id.</returns>
    Task<ServiceResult<string>> StartCallAsync(StartCallCommand command, string source, CancellationToken ct);
}

internal sealed class CallsService(OsviGateway osvi, IAuditedActions actions, RecordingUrlCache recordings) : ICallsService
{
    /// <summary>OSVI's largest page.</summary>
    public const int MaxPerPage = 100;

    public Task<ServiceResult<CallPage>> ListCallsAsync(CallFilter filter, int page, int perPage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = filter.ToApiQuery(Math.Max(1, page), Math.Clamp(perPage, 1, MaxPerPage));
        return osvi.SendAsync("list calls", (api, token) => api.ListCallsAsync(query, token), ToPage, ct);
    }

    public Task<ServiceResult<CallDetailView>> GetCallAsync(string callId, CancellationToken ct) =>
        osvi.SendAsync("get call", (api, token) => api.GetCallAsync(callId, token), envelope => ToDetail(envelope.Data), ct);

    public Task<ServiceResult<CallTranscriptView>> GetTranscriptAsync(string callId, CancellationToken ct) =>
        osvi.SendAsync("get transcript", (api, token) => api.GetTranscriptAsync(callId, token), envelope => ToTranscript(callId, envelope.Data), ct);

    public async Task<ServiceResult<RecordingAvailability>> GetRecordingAvailabilityAsync(string callId, CancellationToken ct)
    {
        var lookup = await recordings.GetAsync(callId, refresh: false, ct);
        return lookup.Error is { } error
            ? ServiceResult<RecordingAvailability>.Failed(error)
            : ServiceResult<RecordingAvailability>.Success(new RecordingAvailability(callId, lookup.Url is not null));
    }

    public async Task<ServiceResult<DndEntryView?>> FindOnDndListAsync(string agentUuid, string phoneE164, CancellationToken ct)
    {
        var number = Phones.PhoneNumberRules.Parse(phoneE164, "IN");
        if (!number.IsValid)
        {
            return ServiceResult<DndEntryView?>.Success(null);
        }

        var lookup = await DndNumberLookup.FindAsync(osvi, agentUuid, number, ct);
        return lookup.Error is { } error ? ServiceResult<DndEntryView?>.Failed(error) : ServiceResult<DndEntryView?>.Success(lookup.Entry);
    }

    public Task<ServiceResult<string>> StartCallAsync(StartCallCommand command, string source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var request = command.ToRequest();
        var record = new AuditRecord
        {
            Category = AuditCategories.Calls,
            Action = "call.start",
            AgentUuid = command.AgentUuid,
            Phone = command.PhoneE164,
            Source = source,
            Parameters = new Dictionary<string, object?>
            {
                ["country_code"] = command.CountryCode,
                ["person_name"] = command.PersonName,
                ["system_prompt"] = command.SystemPrompt is null ? null : "(set)",
                ["initial_greeting"] = command.InitialGreeting is null ? null : "(set)",
                ["additional_data_keys"] = command.AdditionalData?.Keys.ToArray(),
                ["webhook_url"] = command.WebhookUrl is null ? null : "(set)",
                ["call_config_overrides"] = command.CallConfigOverrides,
                ["data_extraction_keys"] = command.DataExtraction?.Select(field => field.Key).ToArray(),
            },
        };
        return actions.RunAsync(DashboardPermission.StartCalls, record,
            token => osvi.SendAsync("start call", (api, t) => api.StartCallAsync(request, t), envelope => envelope.Data.CallId, token),
            successMessage: callId => $"call {callId}", ct: ct);
    }

    internal static CallPage ToPage(OsviPagedEnvelope<CallSummary> envelope) =>
        new([.. envelope.Data.Select(ToItem)], envelope.Meta.CurrentPage, envelope.Meta.PerPage, envelope.Meta.TotalCount, envelope.Meta.TotalPages);

    internal static CallListItem ToItem(CallSummary call) => new()
    {
        CallId = call.CallId,
        AgentUuid = call.AgentUuid,
        AgentName = string.IsNullOrWhiteSpace(call.AgentName) ? call.AgentUuid : call.AgentName,
        PhoneNumber = call.PhoneNumber,
        FromNumber = call.FromNumber,
        Status = call.Status,
        CallType = call.CallType,
        DurationSeconds = Math.Max(0, call.DurationSeconds ?? 0),
        EndedBy = NullIfEmpty(call.CallEndedBy),
        EndedReason = NullIfEmpty(call.CallEndedReason),
        CampaignId = call.CampaignId,
        CampaignUploadId = call.CampaignUploadId,
        Tag = call.Tag is { Name.Length: > 0 } tag ? new CallTagView(tag.Name, CallFormat.SafeColor(tag.ColorCode)) : null,
        CreatedAt = call.CreatedAt,
        PickedAt = call.CallPickedAt,
    };

    internal static CallDetailView ToDetail(CallDetail call) => new(ToItem(call))
    {
        CallerName = NullIfEmpty(call.CallerName),
        RetryCount = call.RetryCount,
        Summary = NullIfEmpty(call.Summary),
        DataCaptured = DataField.From(call.DataCaptured),
        PostCallAnalysis = DataField.From(call.PostCallAnalysis),
    };

    internal static CallTranscriptView ToTranscript(string callId, CallTranscript transcript) =>
        new(string.IsNullOrEmpty(transcript.CallId) ? callId : transcript.CallId,
            [.. transcript.Transcript.Where(turn => !string.IsNullOrWhiteSpace(turn.Content))
                .Select((turn, index) => new TranscriptLine(index, SpeakerOf(turn.Role), turn.Content.Trim(), turn.StartSeconds, turn.EndSeconds))]);

    private static Speaker SpeakerOf(TranscriptRole role) =>
        role == TranscriptRole.Agent ? Speaker.Agent
        : role == TranscriptRole.User ? Speaker.Customer
        : role == TranscriptRole.Tool ? Speaker.Tool
        : Speaker.System;

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
