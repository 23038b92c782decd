using Microsoft.AspNetCore.Components;
using MudBlazor;
using Osvi.Client;
using Osvi.Dashboard.Components.Calls;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Calls;

namespace Osvi.Dashboard.Components.Pages;

/// <summary>One call: what happened in plain words with a next step, the facts, summary, extracted data, analysis,
/// recording and transcript. While the call is in progress it follows the shared poller's feed of this call (one upstream
/// poll however many people watch it) until it ends, then loads the transcript and recording.</summary>
public sealed partial class CallDetail
{
    private ServiceResult<CallDetailView>? _call;
    private ServiceResult<CallTranscriptView>? _transcript;
    private ServiceResult<RecordingAvailability>? _recording;
    private RecordingPlayer? _player;
    private ILiveSubscription<CallDetailView>? _live;
    private DateTimeOffset? _liveUpdatedAt;
    private DateTimeOffset? _liveCheckedAt;
    private OsviError? _liveError;
    private CancellationTokenSource? _loads;
    private string? _shownCallId;
    private bool _canStartCalls;
    private bool _canManageDnd;

    /// <summary>The call's id (a UUID, or a <c>call_…</c> id).</summary>
    [Parameter]
    public string CallId { get; set; } = "";

    [Inject]
    public required ICallsService Calls { get; init; }

    [Inject]
    public required IViewerTimeZone ViewerZone { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ICurrentUser CurrentUser { get; init; }

    [Inject]
    public required Services.Phones.IPhoneNumberDisplay Phones { get; init; }

    private bool IsLive => _call?.Value is { } call && call.Status == Client.Contracts.CallStatus.InProgress;

    private bool HasRecording => _recording is { Succeeded: true, Value.HasRecording: true };

    private string Title => _call?.Value is { } call ? "Call with " + Phones.Show(call.PhoneNumber) : "Call";

    protected override async Task OnInitializedAsync()
    {
        var user = await CurrentUser.GetAsync();
        _canStartCalls = user.Can(DashboardPermission.StartCalls);
        _canManageDnd = user.Can(DashboardPermission.ManageDnd);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (CallId == _shownCallId)
        {
            return;
        }

        // Latest wins: another call's loads still running are cancelled.
        _shownCallId = CallId;
        StopFollowing();
        _call = null;
        _transcript = null;
        _recording = null;
        await ReloadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && await ViewerZone.DetectAsync())
        {
            StateHasChanged();
        }
    }

    private async Task ReloadAsync()
    {
        var ct = RestartLoads();
        _call = null;
        ServiceResult<CallDetailView> result;
        try
        {
            result = await Calls.GetCallAsync(CallId, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }

        _call = result;
        if (result.Value is { } call)
        {
            await OnCallShownAsync(call, ct);
        }
    }

    private async Task OnCallShownAsync(CallDetailView call, CancellationToken ct)
    {
        if (call.Status == Client.Contracts.CallStatus.InProgress)
        {
            // Nothing to fetch yet: both sections say they follow when the call ends.
            _transcript = ServiceResult<CallTranscriptView>.Success(new CallTranscriptView(call.CallId, []));
            _recording = ServiceResult<RecordingAvailability>.Success(new RecordingAvailability(call.CallId, false));
            Follow(call.CallId);
            return;
        }

        StopFollowing();
        await Task.WhenAll(LoadTranscriptAsync(ct), LoadRecordingAsync(ct));
    }

    private void Follow(string callId)
    {
        if (_live is not null)
        {
            return;
        }

        var key = new CallDetailKey(callId);
        _live = Live.Subscribe(key, snapshot => InvokeAsync(async () =>
        {
            if (_live is null || callId != _shownCallId)
            {
                return;
            }

            _liveCheckedAt = snapshot.CheckedAt;
            _liveError = snapshot.Error;
            if (snapshot.HasValue && snapshot.Value is { } latest)
            {
                _liveUpdatedAt = snapshot.UpdatedAt;
                _call = ServiceResult<CallDetailView>.Success(latest);
                StateHasChanged();
                if (latest.Status.IsTerminal)
                {
                    await OnCallShownAsync(latest, _loads?.Token ?? ComponentCancellation);
                }
            }

            StateHasChanged();
        }));
    }

    private void StopFollowing()
    {
        _live?.Dispose();
        _live = null;
        _liveError = null;
    }

    private Task LoadTranscriptAsync() => LoadTranscriptAsync(_loads?.Token ?? ComponentCancellation);

    private Task LoadTranscriptAsync(CancellationToken ct) =>
        LoadSectionAsync(value => _transcript = value, token => Calls.GetTranscriptAsync(CallId, token), ct);

    private Task LoadRecordingAsync() => LoadRecordingAsync(_loads?.Token ?? ComponentCancellation);

    private Task LoadRecordingAsync(CancellationToken ct) =>
        LoadSectionAsync(value => _recording = value, token => Calls.GetRecordingAvailabilityAsync(CallId, token), ct);

    // One section (transcript, recording): loading, then its result; a newer call or a closed page cancels it.
    private async Task LoadSectionAsync<T>(Action<ServiceResult<T>?> show, Func<CancellationToken, Task<ServiceResult<T>>> load, CancellationToken ct)
    {
        show(null);
        try
        {
            show(await load(ct));
            StateHasChanged();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Another call is shown now, or the page closed.
        }
    }

    private Task SeekAsync(double seconds) => _player?.SeekAsync(seconds) ?? Task.CompletedTask;

    private async Task CallAgainAsync()
    {
        if (_call?.Value is not { } call)
        {
            return;
        }

        var callId = await StartCallDialog.ShowAsync(Dialogs, new StartCallPrefill(call.AgentUuid, call.PhoneNumber, call.CallerName), "call-detail");
        if (callId is not null)
        {
            Navigation.NavigateTo($"calls/{Uri.EscapeDataString(callId)}");
        }
    }

    private static string DndUrl(CallListItem call) =>
        "dnd?" + CallLogView.ToQueryString([new("agent_uuid", call.AgentUuid), new("add", call.PhoneNumber), new("call_id", call.CallId)]);

    private static string NumberCallsUrl(CallListItem call) =>
        new CallLogView(new CallFilter { PhoneNumber = call.PhoneNumber.TrimStart('+') }, 1, CallLogView.DefaultPerPage).ToRelativeUrl();

    private static string CampaignUploadUrl(long campaign, long upload) =>
        new CallLogView(new CallFilter { CampaignId = campaign, CampaignUploadId = upload }, 1, CallLogView.DefaultPerPage).ToRelativeUrl();

    private CancellationToken RestartLoads()
    {
        _loads?.Cancel();
        _loads?.Dispose();
        _loads = CancellationTokenSource.CreateLinkedTokenSource(ComponentCancellation);
        return _loads.Token;
    }

    protected override ValueTask DisposeAsyncCore()
    {
        StopFollowing();
        _loads?.Cancel();
        _loads?.Dispose();
        return ValueTask.CompletedTask;
    }
}
