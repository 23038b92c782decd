using Osvi.Client;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Services.Campaigns.Uploads;
using Osvi.Dashboard.Services.Overview;

namespace Osvi.Dashboard.Testing.Fakes;

/// <summary>An <see cref="IWatchedCampaignsService"/> over a list; <see cref="NextWatch"/> decides what watching answers.</summary>
public sealed class FakeWatchedCampaignsService(FakeOverviewService? overview = null) : IWatchedCampaignsService
{
    private readonly FakeOverviewService _overview = overview ?? new FakeOverviewService();

    /// <summary>The list (shared with the Overview fake).</summary>
    public List<WatchedCampaignView> Watched => _overview.Watched;

    /// <summary>Calls in order, e.g. <c>watch 7</c>.</summary>
    public List<string> Calls { get; } = [];

    /// <summary>The answer to the next watch (default: added, named "Campaign N").</summary>
    public Func<long, string?, ServiceResult<WatchOutcome>>? NextWatch { get; set; }

    public Task<IReadOnlyList<WatchedCampaignView>> ListAsync(CancellationToken ct) => _overview.GetWatchedCampaignsAsync(ct);

    public Task<ServiceResult<WatchOutcome>> WatchAsync(long campaignId, string? localName, CancellationToken ct)
    {
        Calls.Add($"watch {campaignId}");
        var result = NextWatch?.Invoke(campaignId, localName);
        if (result is null)
        {
            var view = new WatchedCampaignView(campaignId, localName, "test-user", OsviTestContext.Start);
            Watched.Add(view);
            result = ServiceResult<WatchOutcome>.Success(new WatchOutcome(view, $"Campaign {campaignId}", false));
        }

        return Task.FromResult(result);
    }

    public Task<ServiceResult<WatchedCampaignView?>> RenameAsync(long campaignId, string? localName, CancellationToken ct)
    {
        Calls.Add($"rename {campaignId} {localName}");
        var index = Watched.FindIndex(campaign => campaign.CampaignId == campaignId);
        if (index < 0)
        {
            return Task.FromResult(ServiceResult<WatchedCampaignView?>.Success(null));
        }

        Watched[index] = Watched[index] with { LocalName = localName };
        return Task.FromResult(ServiceResult<WatchedCampaignView?>.Success(Watched[index]));
    }

    public Task<ServiceResult<bool>> UnwatchAsync(long campaignId, CancellationToken ct)
    {
        Calls.Add($"unwatch {campaignId}");
        return Task.FromResult(ServiceResult<bool>.Success(Watched.RemoveAll(campaign => campaign.CampaignId == campaignId) > 0));
    }
}

/// <summary>An <see cref="ICampaignsService"/> with settable answers.</summary>
public sealed class FakeCampaignsService : ICampaignsService
{
    /// <summary>Status answers by campaign id (unknown ids: 404).</summary>
    public Dictionary<long, CampaignStatusView> Statuses { get; } = [];

    /// <summary>The suggestions offered.</summary>
    public List<CampaignSuggestion> Suggestions { get; } = [];

    public Task<ServiceResult<CampaignStatusView>> GetStatusAsync(long campaignId, CancellationToken ct) =>
        Task.FromResult(Statuses.TryGetValue(campaignId, out var status)
            ? ServiceResult<CampaignStatusView>.Success(status)
            : ServiceResult<CampaignStatusView>.Failed(new OsviError(OsviErrorKind.NotFound, 404, "Not found", [])));

    public Task<ServiceResult<IReadOnlyList<CampaignSuggestion>>> SuggestFromRecentCallsAsync(IReadOnlySet<long> exclude, CancellationToken ct) =>
        Task.FromResult(ServiceResult<IReadOnlyList<CampaignSuggestion>>.Success([.. Suggestions.Where(suggestion => !exclude.Contains(suggestion.CampaignId))]));
}

/// <summary>An <see cref="IContactUploadService"/> that records the requests and answers each batch as told.</summary>
public sealed class FakeContactUploadService : IContactUploadService
{
    /// <summary>The DND numbers by agent.</summary>
    public Dictionary<string, HashSet<string>> Dnd { get; } = [];

    /// <summary>Every request sent.</summary>
    public List<UploadRequest> Requests { get; } = [];

    /// <summary>The result of a batch (default: stored, every contact accepted and queued).</summary>
    public Func<UploadRequest, BatchResult, BatchResult>? AnswerBatch { get; set; }

    /// <summary>Completes the send when set (to look at the page while batches are under way).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public Task<ServiceResult<DndNumbers>> GetDndNumbersAsync(string agentUuid, CancellationToken ct) =>
        Task.FromResult(ServiceResult<DndNumbers>.Success(new DndNumbers(agentUuid, Dnd.GetValueOrDefault(agentUuid) ?? [], true)));

    public async Task<UploadReport> SendAsync(UploadRequest request, Func<UploadReport, Task>? progress, CancellationToken ct)
    {
        Requests.Add(request);
        var report = new UploadReport
        {
            CampaignId = request.CampaignId,
            AgentUuid = request.AgentUuid,
            Enqueue = request.Enqueue,
            VariableKeys = request.VariableKeys,
            Batches = [.. request.Batches.Select(batch => new BatchResult { Number = batch.Number, Batch = batch, State = BatchState.Waiting })],
        };
        var stop = false;
        foreach (var batch in report.Batches)
        {
            if (stop)
            {
                report = report.With(batch with { State = BatchState.NotSent });
                continue;
            }

            report = report.With(batch with { State = BatchState.Sending });
            if (progress is not null)
            {
                await progress(report);
            }

            if (Gate is not null)
            {
                await Gate.Task;
            }

            var answered = AnswerBatch?.Invoke(request, batch) ?? batch.Stored(new Osvi.Client.Contracts.ContactUploadResult
            {
                CampaignUploadId = 100 + batch.Number,
                ContactsReceived = batch.Contacts,
                ContactsAccepted = batch.Contacts,
                Enqueued = request.Enqueue,
                QueuedCalls = request.Enqueue ? batch.Contacts : 0,
            });
            report = report.With(answered);
            stop = answered.State != BatchState.Sent;
        }

        report = report with { Finished = true };
        if (progress is not null)
        {
            await progress(report);
        }

        return report;
    }
}
