using System.Text.Json;
using Microsoft.Extensions.Options;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Services.Campaigns.Uploads;

/// <summary>An upload ready to send: checked contacts cut into batches. It can be sent once.</summary>
public sealed class UploadRequest
{
    private int _started;

    /// <summary>Prepares an upload.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="agentUuid">The agent that will place the calls.</param>
    /// <param name="enqueue">Queue the calls at once (the agent needs an outbound trunk).</param>
    /// <param name="variableKeys">The prompt variables' keys, in the order of <see cref="ContactCheckRow.Variables"/>.</param>
    /// <param name="batches">The batches (<see cref="ContactCheck.Batches"/>).</param>
    public UploadRequest(long campaignId, string agentUuid, bool enqueue, IReadOnlyList<string> variableKeys, IReadOnlyList<ContactBatch> batches)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(campaignId);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentUuid);
        ArgumentNullException.ThrowIfNull(variableKeys);
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0)
        {
            throw new ArgumentException("There is nothing to send.", nameof(batches));
        }

        if (batches.Any(batch => batch.Rows.Count is 0 or > CampaignOptions.OsviMaxContactsPerRequest))
        {
            throw new ArgumentException($"A batch holds 1 to {CampaignOptions.OsviMaxContactsPerRequest} contacts.", nameof(batches));
        }

        CampaignId = campaignId;
        AgentUuid = agentUuid;
        Enqueue = enqueue;
        VariableKeys = variableKeys;
        Batches = batches;
    }

    /// <summary>The campaign.</summary>
    public long CampaignId { get; }

    /// <summary>The agent.</summary>
    public string AgentUuid { get; }

    /// <summary>Queue the calls at once.</summary>
    public bool Enqueue { get; }

    /// <summary>The prompt variables' keys.</summary>
    public IReadOnlyList<string> VariableKeys { get; }

    /// <summary>The batches.</summary>
    public IReadOnlyList<ContactBatch> Batches { get; }

    /// <summary>Marks the request as sent; false if it already was (a second click, a second caller).</summary>
    internal bool TryStart() => Interlocked.Exchange(ref _started, 1) == 0;
}

/// <summary>Sends checked contacts to a campaign and reads what the check needs from OSVI.</summary>
public interface IContactUploadService
{
    /// <summary>The agent's DND list (every page of <c>GET /v1/dnd_numbers</c>, up to a bound), to flag contacts on it.</summary>
    Task<ServiceResult<DndNumbers>> GetDndNumbersAsync(string agentUuid, CancellationToken ct);

    /// <summary>Sends the batches one after another, each exactly once (never retried): one
    /// <c>POST /v1/campaigns/{id}/contacts</c> per batch, each checked against
    /// <see cref="DashboardPermission.UploadContacts"/> and audited. It stops at the first batch that does not go
    /// through; the report says which batches OSVI stored, which failed or have an unknown outcome, and which were not
    /// sent. A request can be sent once: a second call throws.</summary>
    /// <param name="request">The upload.</param>
    /// <param name="progress">Called with the report before and after every batch.</param>
    /// <param name="ct">Stops before the next batch (a batch under way is not interrupted, so its outcome stays known).</param>
    /// <returns>The finished report, also kept in <see cref="UploadReportStore"/> for its downloads.</returns>
    Task<UploadReport> SendAsync(UploadRequest request, Func<UploadReport, Task>? progress, CancellationToken ct);
}

internal sealed partial class ContactUploadService(OsviGateway osvi, IAuditedActions actions, IOptionsMonitor<DashboardOptions> options,
    ICurrentUser currentUser, UploadReportStore reports, ILogger<ContactUploadService> logger) : IContactUploadService
{
    /// <summary>The DND entries read at most (100 pages of 100).</summary>
    public const int MaxDndPages = 100;

    public async Task<ServiceResult<DndNumbers>> GetDndNumbersAsync(string agentUuid, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentUuid);
        var phones = new HashSet<string>(StringComparer.Ordinal);
        var region = options.CurrentValue.PhoneRegion;
        for (var page = 1; page <= MaxDndPages; page++)
        {
            var query = new DndListQuery { AgentUuid = agentUuid, Page = page, PerPage = 100 };
            var result = await osvi.SendAsync("list DND numbers", (api, token) => api.ListDndNumbersAsync(query, token), ct);
            if (!result.Succeeded)
            {
                return ServiceResult<DndNumbers>.From(result);
            }

            foreach (var entry in result.Value.Data)
            {
                if (PhoneNumberRules.Parse(entry.Phone, region) is { IsValid: true } phone)
                {
                    phones.Add(phone.E164!);
                }
            }

            if (page >= result.Value.Meta.TotalPages || result.Value.Data.Count == 0)
            {
                return ServiceResult<DndNumbers>.Success(new DndNumbers(agentUuid, phones, Complete: true));
            }
        }

        return ServiceResult<DndNumbers>.Success(new DndNumbers(agentUuid, phones, Complete: false));
    }

    public async Task<UploadReport> SendAsync(UploadRequest request, Func<UploadReport, Task>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.TryStart())
        {
            throw new InvalidOperationException("This upload has already been sent; each batch is sent once.");
        }

        var report = new UploadReport
        {
            CampaignId = request.CampaignId,
            AgentUuid = request.AgentUuid,
            Enqueue = request.Enqueue,
            VariableKeys = request.VariableKeys,
            Batches = [.. request.Batches.Select(batch => new BatchResult { Number = batch.Number, Batch = batch, State = BatchState.Waiting })],
        };

        for (var index = 0; index < report.Batches.Count; index++)
        {
            var batch = report.Batches[index];
            if (ct.IsCancellationRequested)
            {
                return await FinishAsync(report, index, progress);
            }

            report = report.With(batch with { State = BatchState.Sending });
            await NotifyAsync(progress, report);
            // The batch is not cancelled half-way: its outcome would become unknown.
            var outcome = await SendBatchAsync(request, batch.Batch, report.Batches.Count, CancellationToken.None);
            batch = outcome.Succeeded ? batch.Stored(outcome.Value)
                : outcome.Error is { } error ? batch.FailedWith(error)
                : batch with { State = BatchState.Refused, Refusal = outcome.Refusal };
            report = report.With(batch);
            if (batch.State != BatchState.Sent)
            {
                return await FinishAsync(report, index + 1, progress);
            }

            await NotifyAsync(progress, report);
        }

        return await FinishAsync(report, report.Batches.Count, progress);
    }

    private async Task<UploadReport> FinishAsync(UploadReport report, int firstNotSent, Func<UploadReport, Task>? progress)
    {
        var finished = report with
        {
            Finished = true,
            Batches = [.. report.Batches.Select((batch, index) => index >= firstNotSent && batch.State == BatchState.Waiting ? batch with { State = BatchState.NotSent } : batch)],
        };
        // Kept for the report's CSV downloads, for the user who sent it.
        reports.Save(finished, (await currentUser.GetAsync()).Name);
        await NotifyAsync(progress, finished);
        return finished;
    }

    // Progress is for the page; a page that went away must not stop the upload half-way or hide its report.
    private async Task NotifyAsync(Func<UploadReport, Task>? progress, UploadReport report)
    {
        if (progress is null)
        {
            return;
        }

        try
        {
            await progress(report);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogProgressFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The upload's progress callback failed; the upload goes on")]
    private static partial void LogProgressFailed(ILogger logger, Exception exception);

    private Task<ServiceResult<ContactUploadResult>> SendBatchAsync(UploadRequest request, ContactBatch batch, int batchCount, CancellationToken ct)
    {
        var body = new AddContactsRequest
        {
            AgentUuid = request.AgentUuid,
            Enqueue = request.Enqueue,
            Contacts = [.. batch.Rows.Select(row => ToContact(row, request.VariableKeys))],
        };
        var record = new AuditRecord
        {
            Category = AuditCategories.Campaigns,
            Action = "campaign.contacts.upload",
            Target = $"campaign {request.CampaignId}",
            AgentUuid = request.AgentUuid,
            Source = "upload",
            Parameters = new Dictionary<string, object?>
            {
                ["batch"] = batch.Number,
                ["batches"] = batchCount,
                ["contacts"] = batch.Rows.Count,
                ["first_line"] = batch.FirstLine,
                ["last_line"] = batch.LastLine,
                ["enqueue"] = request.Enqueue,
            },
        };
        return actions.RunAsync(DashboardPermission.UploadContacts, record,
            token => osvi.SendAsync("upload contacts", (api, t) => api.AddCampaignContactsAsync(request.CampaignId, body, t), envelope => envelope.Data, token),
            result => $"upload {result.CampaignUploadId}: received {result.ContactsReceived}, accepted {result.ContactsAccepted}, " +
                      $"duplicates removed {result.DuplicatesRemoved}, queued calls {result.QueuedCalls}, DND skipped {result.DndSkipped.Count}",
            ct);
    }

    private static CampaignContact ToContact(ContactCheckRow row, IReadOnlyList<string> keys)
    {
        Dictionary<string, JsonElement>? variables = null;
        for (var index = 0; index < keys.Count && index < row.Variables.Count; index++)
        {
            variables ??= new Dictionary<string, JsonElement>(keys.Count, StringComparer.Ordinal);
            variables[keys[index]] = JsonSerializer.SerializeToElement(row.Variables[index]);
        }

        return new CampaignContact { Phone = row.Phone!, PersonName = row.Name, Variables = variables };
    }
}
